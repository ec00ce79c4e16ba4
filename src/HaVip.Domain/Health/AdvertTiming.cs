namespace HaVip.Domain.Health;

/// <summary>What the platform last observed of an instance's adverts for one VRID: whether it advertises, at which interval, its last advert.</summary>
public readonly record struct SeenInterval(bool Advertising, long Milliseconds, DateTime LastAdvertAt);

/// <summary>
/// The advert interval the hosts' data path times each bound instance's adverts by
/// (docs/split-brain.md, "The silence rule" and "Advert intervals"): the <c>heard</c>, <c>speaking</c>
/// and <c>armed</c> elements lapse 2.5 intervals after the advert that refreshed them, so the interval
/// must be the one the instance actually advertises, not the generated configuration's: the lapse
/// must come after two intervals (one lost advert is no silence) and before three (a backup takes
/// over after its Master_Down_Interval, 3 intervals + Skew_Time, RFC 5798 §6.1).
/// </summary>
public static class AdvertTiming
{
    /// <summary>
    /// The shortest interval the data path times: half an interval, the margin between the lapse
    /// (2.5 intervals) and the earliest takeover (3), must cover the kernel's set timeouts, which
    /// run in jiffies and may end up to one jiffy either side (4 ms at HZ=250, 10 ms at HZ=100), and
    /// an advert's transit to the other hosts. 20 ms leaves 10 ms: the shortest interval HaVip's own
    /// failover benchmarks run keepalived and havipd at (VRRPv3, advert_int 0.02). The only shorter
    /// one VRRP can carry is v3's 10 ms.
    /// </summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest: VRRPv2's 255 s (v3 carries at most 40.95 s); the agents' reports are validated against the same range.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(255);

    /// <summary>
    /// Per bound instance, the interval in milliseconds its adverts with the HAVIP's VRID are timed by,
    /// or null when the data path must not time them (outside [<see cref="Shortest"/>, <see cref="Longest"/>]).
    /// An instance that advertises: the interval observed (<paramref name="observed"/>: instance →
    /// what was last seen). One that does not (a backup, a stopped or never seen instance): the
    /// shortest interval its advertising peers are observed at; with none advertising (a takeover
    /// under way), the interval of the one that advertised last; else the generated configuration's
    /// <paramref name="generatedMilliseconds"/>. Not its own last observation: that may be a former
    /// configuration's, or another HAVIP's that used the VRID before (the lab's SIGKILL test saw a
    /// backup's stale 200 ms lapse its takeover adverts between each other); a cluster runs one
    /// configuration, and the instance's first report re-times it.
    /// </summary>
    public static IReadOnlyDictionary<string, int?> Of(IEnumerable<string> instanceIds, IReadOnlyDictionary<string, SeenInterval> observed, int generatedMilliseconds)
    {
        var ids = instanceIds.Distinct(StringComparer.Ordinal).ToArray();
        var seen = ids.Where(observed.ContainsKey).Select(id => observed[id]).ToArray();
        var advertising = seen.Where(s => s.Advertising).ToArray();
        var assumed = advertising.Length > 0 ? advertising.Min(s => s.Milliseconds)
            : seen.Length > 0 ? seen.MaxBy(s => s.LastAdvertAt).Milliseconds
            : generatedMilliseconds;
        return ids.ToDictionary(id => id, id => Bounded(observed.TryGetValue(id, out var s) && s.Advertising ? s.Milliseconds : assumed), StringComparer.Ordinal);
    }

    /// <summary>
    /// <see cref="Of(IEnumerable{string}, IReadOnlyDictionary{string, SeenInterval}, int)"/> over what was
    /// observed of each instance since it was bound (<see cref="SinceBound"/>): an observation with an
    /// older last advert is left out, as if the instance had never been seen.
    /// </summary>
    public static IReadOnlyDictionary<string, int?> Of(IReadOnlyList<BoundInstance> bound, IReadOnlyDictionary<string, SeenInterval> observed, int generatedMilliseconds) =>
        Of(bound.Select(b => b.InstanceId),
            bound.Where(b => observed.TryGetValue(b.InstanceId, out var seen) && SinceBound(seen.LastAdvertAt, b.BoundAt))
                .ToDictionary(b => b.InstanceId, b => observed[b.InstanceId], StringComparer.Ordinal),
            generatedMilliseconds);

    /// <summary>
    /// Whether an observation speaks for an instance's binding to a HAVIP: its last advert (the
    /// report's news, on the server's clock) came after the binding. One from before is a former
    /// configuration's or another HAVIP's that used the VRID before; if its stop was never reported
    /// (the agent restarted, the server was away for every retry), it would stay "advertising" for
    /// good: the lab saw a backup timed for 20 s by a 1 s run left by an earlier test, while its
    /// cluster advertised every 200 ms. An instance that does advertise for the binding is reported
    /// after it: its VRRP starts on the configuration the binding generated.
    /// </summary>
    public static bool SinceBound(DateTime lastAdvertAt, DateTime boundAt) => lastAdvertAt >= boundAt;

    /// <summary>Whether two results of <see cref="Of"/> time every instance alike (a change the hosts must apply when not).</summary>
    public static bool Same(IReadOnlyDictionary<string, int?> a, IReadOnlyDictionary<string, int?> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && other == p.Value);

    private static int? Bounded(long milliseconds) =>
        milliseconds >= Shortest.TotalMilliseconds && milliseconds <= Longest.TotalMilliseconds ? (int)milliseconds : null;
}
