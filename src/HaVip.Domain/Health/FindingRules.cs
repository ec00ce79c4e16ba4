using System.Globalization;

namespace HaVip.Domain.Health;

/// <summary>
/// The finding rules, one method each: given a HAVIP's view, the finding its condition gives now
/// with the moment it enters, or null when the condition does not hold. Adding a finding is one
/// entry in <see cref="All"/>.
/// </summary>
public static class FindingRules
{
    public static IReadOnlyList<Func<ClusterView, HealthFinding?>> All { get; } =
        [SplitBrain, NoMaster, HolderSilent, ConfigMismatch, VridConflict, RogueAdvert, HostStale];

    /// <summary>
    /// Two bound instances advertise at once for longer than the later one's interval plus
    /// <see cref="ClusterHealth.Margin"/>. When the later one's priority is at least the earlier
    /// one's, the earlier one yields on its first advert (RFC 5798 §6.4.3; equal priorities are
    /// decided by primary address) and the platform sees that only at the earlier one's
    /// Master_Down_Interval: that is the allowance then.
    /// </summary>
    public static HealthFinding? SplitBrain(ClusterView view)
    {
        var advertising = view.BoundObservations.Where(o => o.Advertising).OrderBy(o => o.StartedAt).ToList();
        if (advertising.Count < 2)
        {
            return null;
        }
        var since = advertising.SelectMany((earlier, i) => advertising.Skip(i + 1).Select(later => later.StartedAt + Overlap(earlier, later))).Min();
        var who = string.Join(", ", advertising.Select(o => $"{o.InstanceId} (priority {o.Priority})"));
        return new(FindingCode.SplitBrain, Ids(advertising), since, $"{advertising.Count} bound instances advertise at once: {who}.");
    }

    /// <summary>
    /// How long two runs may overlap before it is a split brain. Runs that started at the same
    /// moment have no newcomer: either may be the one that yields, so the longer allowance holds.
    /// </summary>
    private static TimeSpan Overlap(VrrpObservation earlier, VrrpObservation later)
    {
        static TimeSpan Allowance(VrrpObservation incumbent, VrrpObservation newcomer) =>
            (newcomer.Priority >= incumbent.Priority ? incumbent.MasterDownInterval : newcomer.AdvertInterval) + ClusterHealth.Margin;
        return earlier.StartedAt == later.StartedAt
            ? TimeSpan.FromTicks(Math.Max(Allowance(earlier, later).Ticks, Allowance(later, earlier).Ticks))
            : Allowance(earlier, later);
    }

    /// <summary>
    /// Instances are bound and none advertises: from the last bound advert plus its
    /// Master_Down_Interval (a bound instance never heard from: its binding plus keepalived's default).
    /// </summary>
    public static HealthFinding? NoMaster(ClusterView view)
    {
        if (view.Bound.Count == 0 || view.BoundObservations.Any(o => o.Advertising))
        {
            return null;
        }
        var since = view.Bound.Max(b => view.Of(b.InstanceId)?.SilentAt ?? b.BoundAt + ClusterHealth.DefaultMasterDownInterval);
        return new(FindingCode.NoMaster, view.Bound.Select(b => b.InstanceId).ToList(), since, "no bound instance advertises: the VIP is unserved or served by an instance whose VRRP stopped.");
    }

    /// <summary>
    /// The holder is silent while another bound instance advertises and has not claimed the VIP:
    /// a takeover claims with its first advert, so it gets that advert's interval plus the margin.
    /// </summary>
    public static HealthFinding? HolderSilent(ClusterView view)
    {
        if (view.HolderId is not { } holder || !view.IsBound(holder) || view.Of(holder) is { Advertising: true })
        {
            return null;
        }
        var others = view.BoundObservations.Where(o => o.Advertising && o.InstanceId != holder).ToList();
        if (others.Count == 0)
        {
            return null;
        }
        var silentAt = view.Of(holder)?.SilentAt ?? DateTime.MinValue;
        var since = others.Min(o => Later(silentAt, o.StartedAt) + o.AdvertInterval + ClusterHealth.Margin);
        return new(FindingCode.HolderSilent, [holder, .. Ids(others)], since,
            $"holder {holder} stopped advertising while {string.Join(", ", Ids(others))} advertises without claiming the VIP: clients may still be sent to {holder}.");
    }

    /// <summary>Bound instances' adverts differ from the generated keepalived.conf (and so from each other), field by field.</summary>
    public static HealthFinding? ConfigMismatch(ClusterView view)
    {
        var expected = view.Expected;
        var fields = new (string Name, Func<VrrpObservation, string> Value, string Expected)[]
        {
            ("vrid", o => o.VirtualRouterId.ToString(CultureInfo.InvariantCulture), expected.VirtualRouterId.ToString(CultureInfo.InvariantCulture)),
            ("advertInterval", o => Millis(o.AdvertInterval), Millis(expected.AdvertInterval)),
            ("version", o => o.Version.ToString(CultureInfo.InvariantCulture), expected.Version.ToString(CultureInfo.InvariantCulture)),
            ("authType", o => o.AuthType, expected.AuthType),
        };
        var observed = view.BoundObservations.ToList();
        var differences = fields
            .Select(f => (f.Name, f.Expected, Off: observed.Where(o => f.Value(o) != f.Expected).Select(o => (o, Value: f.Value(o))).ToList()))
            .Where(d => d.Off.Count > 0)
            .ToList();
        if (differences.Count == 0)
        {
            return null;
        }
        var off = differences.SelectMany(d => d.Off.Select(x => x.o)).Distinct().ToList();
        var message = string.Join("; ", differences.Select(d =>
            $"{d.Name}: {string.Join(", ", d.Off.Select(x => $"{x.o.InstanceId} {x.Value}"))}, generated keepalived.conf {d.Expected}"));
        return new(FindingCode.ConfigMismatch, Ids(off), off.Min(o => o.ChangedAt), message + ".");
    }

    /// <summary>An instance not bound to this HAVIP advertises its VRID for other addresses: another cluster on the subnet.</summary>
    public static HealthFinding? VridConflict(ClusterView view)
    {
        var others = view.Foreign.Where(o => o.VirtualRouterId == view.Expected.VirtualRouterId && !o.Addresses.Contains(view.IpAddress)).ToList();
        return others.Count == 0 ? null : new(FindingCode.VridConflict, Ids(others), others.Min(o => o.StartedAt),
            $"{string.Join(", ", Ids(others))} advertise VRID {view.Expected.VirtualRouterId} for another cluster on this subnet.");
    }

    /// <summary>An instance not bound to this HAVIP advertises its address.</summary>
    public static HealthFinding? RogueAdvert(ClusterView view)
    {
        var rogues = view.Foreign.Where(o => o.Addresses.Contains(view.IpAddress)).ToList();
        return rogues.Count == 0 ? null : new(FindingCode.RogueAdvert, Ids(rogues), rogues.Min(o => o.StartedAt),
            $"{string.Join(", ", Ids(rogues))} advertise {view.IpAddress} without being bound (their claims are dropped).");
    }

    private static List<string> Ids(IEnumerable<VrrpObservation> observations) => observations.Select(o => o.InstanceId).Distinct().ToList();

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

    private static string Millis(TimeSpan t) => $"{t.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms";

    /// <summary>
    /// A host of a bound instance is stale (since it became stale) or unknown (since the earliest
    /// binding of an instance on it): the platform can neither see nor change what runs there.
    /// </summary>
    public static HealthFinding? HostStale(ClusterView view)
    {
        if (view.AwayHosts.Count == 0)
        {
            return null;
        }
        var since = view.AwayHosts.Min(h => h.Since ?? view.Bound.Where(b => h.Instances.Contains(b.InstanceId)).Select(b => b.BoundAt).DefaultIfEmpty(DateTime.MinValue).Min());
        var which = string.Join(", ", view.AwayHosts.Select(h =>
            $"{h.Host} ({(h.Since is { } at ? "stale since " + at.ToString("O", CultureInfo.InvariantCulture) : "no agent ever registered")}; runs {string.Join(", ", h.Instances)})"));
        return new(FindingCode.HostStale, view.AwayHosts.SelectMany(h => h.Instances).Distinct().ToList(), since,
            $"the platform does not hear the agent of {which}: it can neither see nor change what runs there.");
    }
}
