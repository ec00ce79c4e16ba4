using System.Diagnostics.Metrics;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Hosts;
using HaVip.Server.Access;
using HaVip.Server.Agents;
using HaVip.Server.Persistence;

namespace HaVip.Server.Hosting;

/// <summary>The server's own instruments. HAVIPs by status and by finding, and hosts by state, are counted at scrape time.</summary>
public sealed class HaVipMetrics
{
    public const string MeterName = "HaVip.Server";
    private Dictionary<HaVipStatus, int> _byStatus = [];
    private IReadOnlyDictionary<HostState, int> _hostsByState = new Dictionary<HostState, int>();
    private IReadOnlyDictionary<FindingCode, int> _byFinding = new Dictionary<FindingCode, int>();

    public HaVipMetrics(IMeterFactory meters, ILeadership leadership, AuditLog audit, LongPollSlots polls)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("havip.havips", ObserveByStatus, "{havip}", "HAVIPs by status");
        meter.CreateObservableGauge("havip.havips_by_finding", ObserveByFinding, "{havip}", "HAVIPs by open health finding (a HAVIP counts under each of its findings)");
        meter.CreateObservableGauge("havip.hosts", ObserveHostsByState, "{host}", "Hypervisor hosts by state (ready, stale, unknown)");
        meter.CreateObservableGauge("havip.leader", () => leadership.IsLeader ? 1 : 0, null, "1 when this replica runs the periodic background work");
        meter.CreateObservableGauge("havip.agent.polls.waiting", () => polls.Waiting, "{poll}", "Agents' desired-state long-polls waiting on this replica: the agents attached to it");
        meter.CreateObservableGauge("havip.audit.queue.depth", () => audit.Depth, "{entry}", "Audit entries waiting to be stored");
        meter.CreateObservableCounter("havip.audit.queue.waits", () => audit.Waits, "{wait}", "Requests that waited for room in the full audit queue");
    }

    public void SetCounts(Dictionary<HaVipStatus, int> byStatus) => _byStatus = byStatus;

    public void SetHostCounts(IReadOnlyDictionary<HostState, int> byState) => _hostsByState = byState;

    public void SetFindingCounts(IReadOnlyDictionary<FindingCode, int> byFinding) => _byFinding = byFinding;

    private IEnumerable<Measurement<int>> ObserveByFinding() =>
        Enum.GetValues<FindingCode>().Select(f => new Measurement<int>(
            _byFinding.GetValueOrDefault(f), new KeyValuePair<string, object?>("finding", f.ToName())));

    private IEnumerable<Measurement<int>> ObserveHostsByState() =>
        Enum.GetValues<HostState>().Select(s => new Measurement<int>(
            _hostsByState.GetValueOrDefault(s), new KeyValuePair<string, object?>("state", s.ToString().ToLowerInvariant())));

    private IEnumerable<Measurement<int>> ObserveByStatus() =>
        Enum.GetValues<HaVipStatus>().Select(s => new Measurement<int>(
            _byStatus.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", s.ToString().ToLowerInvariant())));
}
