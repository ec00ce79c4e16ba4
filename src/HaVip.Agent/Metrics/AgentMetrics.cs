using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HaVip.Agent.Arp;

namespace HaVip.Agent.Metrics;

/// <summary>The agent's instruments: applies and their latency, ARP verdicts, holder changes, repairs of kernel drift, and drops by reason from the nft counters.</summary>
internal sealed class AgentMetrics : IDisposable
{
    public const string DefaultMeterName = "HaVip.Agent";
    public const string ApplyDuration = "havip_agent_apply_duration";

    /// <summary>A scrape waits this long at most for the kernel's counters; then it shows the last ones read.</summary>
    private static readonly TimeSpan RefreshBudget = TimeSpan.FromSeconds(5);
    private readonly Meter _meter;
    private readonly Counter<long> _applies;
    private readonly Histogram<double> _applySeconds;
    private readonly Counter<long> _verdicts;
    private readonly Counter<long> _holderChanges;
    private readonly Counter<long> _adverts;
    private readonly Counter<long> _repairs;
    private readonly ConcurrentDictionary<(string Port, string Reason), long> _drops = new();
    private Func<CancellationToken, Task>? _refreshDrops;

    /// <param name="meterName">The meter's name; the endpoint exports only this meter. A process that
    /// holds several agents' instruments at once (a test run) gives each its own.</param>
    public AgentMetrics(string meterName = DefaultMeterName)
    {
        _meter = new Meter(meterName);
        _applies = _meter.CreateCounter<long>("havip_agent_applies", description: "Desired states applied, by result");
        _applySeconds = _meter.CreateHistogram<double>(ApplyDuration, "s", "Time to apply one desired state");
        _verdicts = _meter.CreateCounter<long>("havip_agent_arp_verdicts", description: "ARP frames from instance ports, by verdict");
        _holderChanges = _meter.CreateCounter<long>("havip_agent_holder_changes", description: "VIP holder changes seen on this host");
        _adverts = _meter.CreateCounter<long>("havip_agent_vrrp_adverts", description: "VRRP adverts from instance ports, by decode result");
        _repairs = _meter.CreateCounter<long>("havip_agent_repairs", description: "Kernel drift from the applied state found and re-applied, by what drifted (table, rules, port)");
        _meter.CreateObservableCounter("havip_agent_drops", () => ReadDrops().Select(d =>
            new Measurement<long>(d.Value, new KeyValuePair<string, object?>("port", d.Key.Port), new KeyValuePair<string, object?>("reason", d.Key.Reason))),
            description: "Frames dropped at instance ports by the anti-spoofing rules, by reason");
    }

    public string MeterName => _meter.Name;

    public void Applied(bool complete, TimeSpan elapsed)
    {
        _applies.Add(1, new KeyValuePair<string, object?>("result", complete ? "ok" : "error"));
        _applySeconds.Record(elapsed.TotalSeconds);
    }

    public void Verdict(ClaimVerdictKind kind) => _verdicts.Add(1, new KeyValuePair<string, object?>("verdict", kind.ToString()));

    public void HolderChanged() => _holderChanges.Add(1);

    /// <summary>One advert read at a port: "ok" or the codec's drop reason.</summary>
    public void Advert(string result) => _adverts.Add(1, new KeyValuePair<string, object?>("result", result));
    public void Repaired(string what) => _repairs.Add(1, new KeyValuePair<string, object?>("what", what));

    public void SetDrops(string port, string reason, long packets) => _drops[(port, reason)] = packets;

    /// <summary>Reads the drop counters afresh (from the kernel) each time the drops are collected.</summary>
    public void RefreshDropsWith(Func<CancellationToken, Task> refresh) => _refreshDrops = refresh;

    public void Dispose() => _meter.Dispose();

    /// <summary>
    /// The SDK collects observable instruments synchronously, on the scrape's thread: the refresh
    /// (one nft call) is awaited there, within a budget, so a scrape shows the kernel's counters now.
    /// </summary>
    private ConcurrentDictionary<(string Port, string Reason), long> ReadDrops()
    {
        if (_refreshDrops is { } refresh)
        {
            using var budget = new CancellationTokenSource(RefreshBudget);
            try
            {
                refresh(budget.Token).WaitAsync(budget.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // The kernel did not answer in time: the last counters read stand.
            }
        }
        return _drops;
    }
}
