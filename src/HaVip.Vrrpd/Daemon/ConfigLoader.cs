using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Daemon;

/// <summary>Parses keepalived.conf and writes every diagnostic as file:line:column.</summary>
internal static class ConfigLoader
{
    /// <summary>The parsed configuration, or null when it has errors (all of them written to <paramref name="diagnostics"/>).</summary>
    public static KeepalivedConfig? Load(string path, TextWriter diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!File.Exists(path))
        {
            diagnostics.WriteLine($"{path}: error: configuration file not found");
            return null;
        }

        var result = new KeepalivedConfigParser().ParseFile(path);
        foreach (var d in result.Diagnostics)
            diagnostics.WriteLine(d.ToString());
        return result.HasErrors ? null : result.Config;
    }
}
