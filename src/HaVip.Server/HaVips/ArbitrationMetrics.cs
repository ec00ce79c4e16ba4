using System.Diagnostics.Metrics;
using HaVip.Domain.Health;
using HaVip.Server.Hosting;

namespace HaVip.Server.HaVips;

/// <summary>
/// The platform's decisions, counted by reason (<c>havip_arbitrations_total{reason}</c>: alone,
/// priority, address, or lifted when no bound instance advertises any more).
/// </summary>
public sealed class ArbitrationMetrics
{
    /// <summary>The reason label of a lifted decision.</summary>
    public const string Lifted = "lifted";

    private readonly Counter<long> _decisions;

    public ArbitrationMetrics(IMeterFactory meters) =>
        _decisions = meters.Create(HaVipMetrics.MeterName).CreateCounter<long>("havip.arbitrations", "{decision}", "Decisions of which bound instance serves a HAVIP, by reason");

    public void Count(ArbitrationReason? reason) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("reason", reason?.ToString().ToLowerInvariant() ?? Lifted));
}
