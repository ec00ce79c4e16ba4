using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Keywords of <c>vrrp_sync_group NAME { }</c> (keepalived.conf(5), vrrp_parser.c).</summary>
internal static class SyncGroupKeywords
{
    public static KeywordTable<SyncGroupConfig> Table { get; } = new("vrrp_sync_group", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<SyncGroupConfig>>> Handlers()
    {
        yield return new("group", Members);
        yield return new("notify_master", (s, g, c) => g.Notify.Master = c.Command(s) ?? g.Notify.Master);
        yield return new("notify_backup", (s, g, c) => g.Notify.Backup = c.Command(s) ?? g.Notify.Backup);
        yield return new("notify_fault", (s, g, c) => g.Notify.Fault = c.Command(s) ?? g.Notify.Fault);
        yield return new("notify_stop", (s, g, c) => g.Notify.Stop = c.Command(s) ?? g.Notify.Stop);
        yield return new("notify", (s, g, c) => g.Notify.Generic = c.Command(s) ?? g.Notify.Generic);
        yield return new("track_script", (s, g, c) => TrackBlocks.ReadScripts(s, g.TrackScriptList, c));
        yield return new("track_interface", (s, g, c) => TrackBlocks.ReadInterfaces(s, g.TrackInterfaceList, c));
        yield return new("track_file", (s, g, c) => TrackBlocks.ReadFiles(s, g.TrackFileList, c));
        yield return new("smtp_alert", (_, _, _) => { });
        yield return new("global_tracking", (_, _, _) => { });
        yield return new("track_process", (s, g, c) => TrackBlocks.ReadFiles(s, g.TrackProcessList, c));
        yield return new("sync_group_tracking_weight", (s, _, c) => c.Unsupported(s, "a sync group's tracked objects fault it whatever their weight"));
    }

    // One name per line, as keepalived reads them; several on a line are accepted too.
    private static void Members(Statement s, SyncGroupConfig g, ParseContext c)
    {
        foreach (var line in c.Block(s) ?? [])
        {
            foreach (var t in line.Args.Prepend(line.Keyword))
            {
                g.MemberList.Add(t.Text);
                g.MemberPositions.Add((t.Text, t.Position));
            }
        }
    }
}
