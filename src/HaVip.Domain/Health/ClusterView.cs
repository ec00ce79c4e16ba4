namespace HaVip.Domain.Health;

/// <summary>An instance bound to the HAVIP, and since when.</summary>
public sealed record BoundInstance(string InstanceId, DateTime BoundAt);

/// <summary>
/// A host running bound instances whose agent the platform does not hear: stale since
/// <paramref name="Since"/>, or unknown (no agent ever registered; <paramref name="Since"/> null).
/// </summary>
public sealed record HostAway(string Host, IReadOnlyList<string> Instances, DateTime? Since);

/// <summary>What the generated keepalived.conf makes every bound instance advertise.</summary>
public sealed record ExpectedAdvert(int VirtualRouterId, TimeSpan AdvertInterval, int Version, string AuthType);

/// <summary>
/// Everything the finding rules read about one HAVIP: its bindings and holder, and the
/// observations of every instance in its subnet, bound to it or not.
/// </summary>
public sealed record ClusterView(
    string IpAddress,
    IReadOnlyList<BoundInstance> Bound,
    string? HolderId,
    IReadOnlyList<VrrpObservation> Observations,
    ExpectedAdvert Expected,
    IReadOnlyList<HostAway>? HostsAway = null)
{
    /// <summary>Hosts of bound instances that are stale or unknown; empty in a region without hosts.</summary>
    public IReadOnlyList<HostAway> AwayHosts => HostsAway ?? [];

    public bool IsBound(string instanceId) => Bound.Any(b => b.InstanceId == instanceId);

    /// <summary>
    /// A bound instance's observation for this HAVIP: the run that lists its address, else the one
    /// with its VRID (an instance may hold up to five HAVIPs, each its own VRID).
    /// </summary>
    public VrrpObservation? Of(string instanceId)
    {
        var own = Observations.Where(o => o.InstanceId == instanceId).ToList();
        return own.FirstOrDefault(o => o.Addresses.Contains(IpAddress)) ?? own.FirstOrDefault(o => o.VirtualRouterId == Expected.VirtualRouterId);
    }

    public IEnumerable<VrrpObservation> BoundObservations =>
        Bound.Select(b => Of(b.InstanceId)).OfType<VrrpObservation>();

    /// <summary>Adverts of instances not bound to this HAVIP.</summary>
    public IEnumerable<VrrpObservation> Foreign => Observations.Where(o => o.Advertising && !IsBound(o.InstanceId));
}
