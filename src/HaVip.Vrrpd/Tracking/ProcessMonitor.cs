using HaVip.Vrrp.Config;
using HaVip.Vrrp.Tracking;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Tracking;

/// <summary>
/// Every vrrp_track_process of the configuration, counted from one scan of /proc every
/// <see cref="Poll"/>. keepalived is told of each fork, exec and exit by the kernel's process
/// connector; havipd polls, so a change is seen up to one poll late (before any delay).
/// </summary>
internal sealed class ProcessMonitor(IReadOnlyDictionary<string, TrackProcessConfig> processes, Action<string, bool> changed, TimeProvider time, ILogger log)
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<string, (TrackProcessConfig Config, ProcessQuorum Quorum)> _tracked =
        processes.ToDictionary(kv => kv.Key, kv => (kv.Value, new ProcessQuorum(kv.Value)), StringComparer.Ordinal);

    /// <summary>The verdicts so far, for instances that start later.</summary>
    public IEnumerable<(string Name, bool Up)> Current =>
        _tracked.Where(t => t.Value.Quorum.IsUp is not null).Select(t => (t.Key, t.Value.Quorum.IsUp!.Value));

    /// <summary>The current verdicts, taken by one scan now (before the instances start).</summary>
    public IReadOnlyList<(string Name, bool Up)> Scan()
    {
        var counts = Count();
        var now = time.GetUtcNow();
        var result = new List<(string, bool)>();
        foreach (var (name, t) in _tracked)
        {
            if (t.Quorum.Record(counts[name], now) is { } up)
            {
                Log.ProcessChanged(log, name, up ? "up" : "down", counts[name]);
                result.Add((name, up));
            }
        }

        return result;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Poll, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var (name, up) in Scan())
                changed(name, up);
        }
    }

    private Dictionary<string, int> Count()
    {
        var counts = _tracked.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var commandLines = _tracked.Values.Any(t => t.Config.ComparesCommandLine);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(dir);
            if (pid.Length == 0 || !char.IsAsciiDigit(pid[0]) || Read(dir, "comm") is not { } comm)
                continue;
            var argv = commandLines && Read(dir, "cmdline") is { } line ? line.Split('\0', StringSplitOptions.None)[..^1] : [];
            foreach (var (name, t) in _tracked)
            {
                if (ProcessMatch.Matches(t.Config, comm.TrimEnd('\n'), argv))
                    counts[name]++;
            }
        }

        return counts;
    }

    /// <summary>Null when the process ended while we looked.</summary>
    private static string? Read(string dir, string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
