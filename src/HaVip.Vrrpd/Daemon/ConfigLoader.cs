using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Daemon;

/// <summary>Parses keepalived.conf and writes every diagnostic as file:line:column.</summary>
internal static class ConfigLoader
{
    /// <summary>The parsed configuration, or null when it has errors (all of them written to <paramref name="diagnostics"/>).</summary>
    public static KeepalivedConfig? Load(string path, TextWriter diagnostics) => Check(path, diagnostics).Config;

    /// <summary>
    /// Parses and checks against this machine: the configuration (null when it has errors) and
    /// whether keepalived's config test would complain about it (any error or warning; notes are havipd's).
    /// </summary>
    public static (KeepalivedConfig? Config, bool KeepalivedComplains) Check(string path, TextWriter diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!File.Exists(path))
        {
            diagnostics.WriteLine($"{path}: error: configuration file not found");
            return (null, true);
        }

        var result = new KeepalivedConfigParser().ParseFile(path);
        var all = result.Diagnostics.Concat(ConfigEnvironment.Check(result.Config)).ToList();
        foreach (var d in all)
            diagnostics.WriteLine(d.ToString());
        var errors = all.Any(d => d.Severity == DiagnosticSeverity.Error);
        return (errors ? null : result.Config, all.Any(d => d.Severity != DiagnosticSeverity.Note));
    }
}
