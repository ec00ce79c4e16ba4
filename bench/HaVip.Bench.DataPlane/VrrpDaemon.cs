using System.Diagnostics.CodeAnalysis;
using HaVip.Lab.Vrrp;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// The VRRP daemon the split-brain benchmark runs in its instances (`--daemon keepalived|havipd`, keepalived by
/// default): havipd is the published executable HAVIPD_EXE names (a Native AOT build, as the lab tests run it).
/// </summary>
internal sealed record VrrpDaemon(string Name, bool Havipd, string Describe)
{
    private const string Option = "--daemon";

    /// <summary>The daemon the arguments name, or why none: an unknown one, or havipd without an executable HAVIPD_EXE (said before any lab goes up).</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out VrrpDaemon? daemon, [NotNullWhen(false)] out string? error)
    {
        daemon = null;
        error = null;
        var at = args.ToList().IndexOf(Option);
        var name = at < 0 ? "keepalived" : at + 1 < args.Count ? args[at + 1] : null;
        var exe = Environment.GetEnvironmentVariable("HAVIPD_EXE");
        switch (name)
        {
            case null:
                error = $"{Option} needs a value: keepalived or havipd";
                break;
            case "keepalived":
                daemon = new VrrpDaemon(name, false, "keepalived");
                break;
            case "havipd" when string.IsNullOrEmpty(exe) || !File.Exists(exe):
                error = $"{Option} havipd runs the published havipd that HAVIPD_EXE names, and {(string.IsNullOrEmpty(exe) ? "HAVIPD_EXE is not set" : $"HAVIPD_EXE={exe} does not exist")}: " +
                    "publish it (`dotnet publish src/HaVip.Vrrpd -c Release -r linux-x64 -o artifacts/havipd`) and set HAVIPD_EXE=artifacts/havipd/havipd";
                break;
            case "havipd":
                daemon = new VrrpDaemon(name, true, $"havipd ({HavipdPath.Describe}: {Path.GetFullPath(exe!)})");
                break;
            default:
                error = $"{Option} {name}: unknown daemon; keepalived or havipd";
                break;
        }
        return daemon is not null;
    }

    /// <summary>The arguments that are neither options nor this option's value (the rounds).</summary>
    public IEnumerable<string> Positional(IReadOnlyList<string> args) =>
        args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != Option));
}
