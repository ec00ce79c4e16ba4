using System.Diagnostics.Metrics;
using HaVip.Server.Hosting;

namespace HaVip.Server.Agents;

/// <summary>
/// The repairs of kernel drift hosts report, beside their events in the host's history: logged
/// and counted (<c>havip_host_repairs_total{host,what}</c>) for alerting.
/// </summary>
public sealed partial class HostRepairs
{
    private readonly Counter<long> _repairs;
    private readonly ILogger<HostRepairs> _logger;

    public HostRepairs(IMeterFactory meters, ILogger<HostRepairs> logger)
    {
        _repairs = meters.Create(HaVipMetrics.MeterName).CreateCounter<long>("havip.host.repairs", "{repair}", "Kernel drift hosts' agents repaired, by host and what drifted");
        _logger = logger;
    }

    public void Count(string host, IReadOnlyList<string> what)
    {
        foreach (var item in what)
        {
            _repairs.Add(1, new KeyValuePair<string, object?>("host", host), new KeyValuePair<string, object?>("what", item));
        }
        LogRepaired(host, string.Join(", ", what));
    }

    [LoggerMessage(LogLevel.Warning, "host {Host} repaired kernel drift: {What}")]
    private partial void LogRepaired(string host, string what);
}
