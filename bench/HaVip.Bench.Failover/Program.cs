using System.Globalization;
using HaVip.Bench.Failover;

// havipd against keepalived, side by side in one run on the same machine (docs/benchmarks.md).
// Usage: HaVip.Bench.Failover [faults, default 50]       client-observed failover, v3 advert_int 0.02
//      | stability [seconds, default 600]               no false failover under a CPU burner
//      | handover [handovers, default 20]               SIGTERM on the master: client gap
//      | pairs [seconds, default 60] [rounds] [label=PATH…]  2 processes × 1,000 instances, half masters;
//                                                       each label=PATH havipd build beside the one under test
//      | scale [seconds, default 60] [implementation]   1,000 lone masters in one process
//      | single [implementation]                        start time and RSS of one instance
//      | smoke                                          every mode above in seconds; exit 1 on any error
// HAVIPD_EXE=path runs that havipd executable (a Native AOT publish) instead of `dotnet havipd.dll`.
var mode = args.Length > 0 && !char.IsDigit(args[0][0]) ? args[0] : "failover";
int Arg(int index, int fallback) => args.Length > index && char.IsDigit(args[index][0]) ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
Console.WriteLine($"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, kernel {Environment.OSVersion.Version}, havipd: {HaVip.Lab.Vrrp.HavipdPath.Describe}, load before: {Load()}");
try
{
    switch (mode)
    {
        case "failover": Modes.Failover(Arg(0, 50)); break;
        case "stability": Modes.Stability(TimeSpan.FromSeconds(Arg(1, 600)), args.Contains("--rt") ? "vrrp_rt_priority 50\nvrrp_no_swap\n" : ""); break;
        case "handover": Modes.Handover(Arg(1, 20)); break;
        case "pairs": Modes.Pairs(4, 250, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(Arg(1, 60)), [.. args.Skip(1).Where(a => a.Contains('=', StringComparison.Ordinal))], Arg(2, 1)); break;
        case "scale": Modes.Scale(Arg(1, 60), args.Skip(1).Where(a => !char.IsDigit(a[0])).ToArray()); break;
        case "single": Modes.Single(args.Length > 1 ? args[1..] : ["keepalived", "havipd"]); break;
        case "smoke": Modes.Smoke(); break;
        default: throw new ArgumentException($"unknown mode '{mode}'");
    }
}
catch (Exception ex)
{
    Console.Error.WriteLine($"bench {mode} failed: {ex}");
    return 1;
}

Console.WriteLine($"# load after: {Load()}");
return 0;

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[..3] is var l ? string.Join(" ", l) : "";
