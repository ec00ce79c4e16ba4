namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// Sync groups once every instance is known: members that do not exist are dropped with keepalived's
/// warning (vrrp_sync.c), a group of one is said to be pointless, and each member learns its group.
/// </summary>
internal static class SyncGroupValidator
{
    public static void Complete(KeepalivedConfig config, ParseContext c)
    {
        var instances = config.InstanceList.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var g in config.SyncGroupList)
        {
            g.MemberList.Clear();
            foreach (var (name, at) in g.MemberPositions)
            {
                if (!instances.TryGetValue(name, out var member))
                {
                    c.Warning(at, DiagnosticCodes.UnknownSyncGroupMember, $"virtual router {name} of sync group {g.Name} does not exist (ignored)");
                }
                else if (member.SyncGroup is { } other)
                {
                    c.Error(at, DiagnosticCodes.DuplicateName, $"virtual router {name} is already in sync group {other}");
                }
                else if (!g.MemberList.Contains(name))
                {
                    member.SyncGroup = g.Name;
                    g.MemberList.Add(name);
                }
            }

            if (g.MemberList.Count < 2)
                c.Warning(g.Position, DiagnosticCodes.SyncGroupTooSmall, $"sync group {g.Name} has only {g.MemberList.Count} virtual router: it moves nothing together");
            InstanceValidator.References(g.TrackScriptList, g.TrackFileList, config, c);
            InstanceValidator.Processes(g.TrackProcessList, config, c);
        }
    }
}
