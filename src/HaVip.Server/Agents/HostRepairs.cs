using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HaVip.Server.Hosting;

namespace HaVip.Server.Agents;

/// <summary>A host's agent found its kernel drifted from the applied state (<paramref name="What"/>: table, rules, port) and re-applied it.</summary>
public sealed record HostRepaired(string Host, IReadOnlyList<string> What, DateTime ReceivedAt);

/// <summary>
/// The repairs hosts report: logged, counted (<c>havip_host_repairs_total{host,what}</c>), and the
/// last <see cref="Kept"/> of each host kept in memory until the host event history takes them.
/// </summary>
public sealed partial class HostRepairs
{
    public const int Kept = 100;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HostRepaired>> _byHost = new(StringComparer.Ordinal);
    private readonly Counter<long> _repairs;
    private readonly ILogger<HostRepairs> _logger;

    public HostRepairs(IMeterFactory meters, ILogger<HostRepairs> logger)
    {
        _repairs = meters.Create(HaVipMetrics.MeterName).CreateCounter<long>("havip.host.repairs", "{repair}", "Kernel drift hosts' agents repaired, by host and what drifted");
        _logger = logger;
    }

    public void Record(HostRepaired repair)
    {
        var kept = _byHost.GetOrAdd(repair.Host, _ => new ConcurrentQueue<HostRepaired>());
        kept.Enqueue(repair);
        while (kept.Count > Kept && kept.TryDequeue(out _))
        {
        }
        foreach (var what in repair.What)
        {
            _repairs.Add(1, new KeyValuePair<string, object?>("host", repair.Host), new KeyValuePair<string, object?>("what", what));
        }
        LogRepaired(repair.Host, string.Join(", ", repair.What));
    }

    /// <summary>The host's repairs, oldest first.</summary>
    public IReadOnlyList<HostRepaired> Of(string host) => _byHost.TryGetValue(host, out var kept) ? kept.ToArray() : [];

    [LoggerMessage(LogLevel.Warning, "host {Host} repaired kernel drift: {What}")]
    private partial void LogRepaired(string host, string what);
}
