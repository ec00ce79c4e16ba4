using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tracking;

/// <summary>
/// Whether a process is one a vrrp_track_process counts (keepalived 2.2.7 track_process.c): its
/// name (/proc/PID/comm, which the kernel cuts to 15 characters) equals the process exactly, no
/// pattern; with parameters, <c>param_match</c> or <c>full_command</c> its command line is compared.
/// </summary>
public static class ProcessMatch
{
    private const int CommLength = 15;

    public static bool Matches(TrackProcessConfig p, string comm, IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(comm);
        ArgumentNullException.ThrowIfNull(argv);
        var process = p.Process ?? "";
        if (!p.ComparesCommandLine)
            return comm == (process.Length > CommLength ? process[..CommLength] : process);
        if (argv.Count == 0 || argv[0] != process)
            return false;
        var given = argv.Count - 1;
        var wanted = p.Parameters;
        return (p.ParamMatch ?? ParamMatch.Exact) switch
        {
            ParamMatch.Partial => given >= wanted.Count && Same(argv, wanted, wanted.Count),
            ParamMatch.Initial => given == wanted.Count && (wanted.Count == 0 || (Same(argv, wanted, wanted.Count - 1) && argv[^1].StartsWith(wanted[^1], StringComparison.Ordinal))),
            _ => given == wanted.Count && Same(argv, wanted, wanted.Count),
        };
    }

    private static bool Same(IReadOnlyList<string> argv, IReadOnlyList<string> wanted, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (argv[i + 1] != wanted[i])
                return false;
        }

        return true;
    }
}
