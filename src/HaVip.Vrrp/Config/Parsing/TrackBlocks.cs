using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary><c>track_script { NAME [weight N [reverse]] }</c> and <c>track_interface { IF [weight N [reverse]] }</c>.</summary>
internal static class TrackBlocks
{
    public static void ReadScripts(Statement s, VrrpInstanceConfig instance, ParseContext c) => ReadScripts(s, instance.TrackScriptList, c);

    public static void ReadInterfaces(Statement s, VrrpInstanceConfig instance, ParseContext c) => ReadInterfaces(s, instance.TrackInterfaceList, c);

    public static void ReadFiles(Statement s, VrrpInstanceConfig instance, ParseContext c) => ReadFiles(s, instance.TrackFileList, c);

    public static void ReadFiles(Statement s, List<TrackRef> into, ParseContext c)
    {
        foreach (var line in c.Block(s) ?? [])
        {
            var (weight, reverse) = ReadWeight(line, c);
            into.Add(new TrackRef(line.Name, weight, reverse, line.Position));
        }
    }

    public static void ReadScripts(Statement s, List<TrackScriptRef> into, ParseContext c)
    {
        foreach (var line in c.Block(s) ?? [])
        {
            var (weight, reverse) = ReadWeight(line, c);
            into.Add(new TrackScriptRef(line.Name, weight, reverse, line.Position));
        }
    }

    public static void ReadInterfaces(Statement s, List<TrackInterfaceRef> into, ParseContext c)
    {
        foreach (var line in c.Block(s) ?? [])
        {
            var (weight, reverse) = ReadWeight(line, c);
            into.Add(new TrackInterfaceRef(line.Name, weight ?? 0, reverse, line.Position));
        }
    }

    private static (int? Weight, bool Reverse) ReadWeight(Statement line, ParseContext c)
    {
        if (line.Block is not null)
            c.Warning(line.Position, DiagnosticCodes.UnexpectedBlock, $"'{line.Name}' takes no block (ignored)");
        if (line.Args.Count == 0)
            return (null, false);
        if (line.Args[0].Text != "weight")
        {
            c.Error(line.Args[0].Position, DiagnosticCodes.UnknownKeyword, $"expected 'weight' after '{line.Name}', not '{line.Args[0].Text}'");
            return (null, false);
        }

        return WeightReader.Read(line, 1, c) is { } w ? (w.Weight, w.Reverse) : (null, false);
    }
}
