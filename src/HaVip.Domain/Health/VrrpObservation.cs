namespace HaVip.Domain.Health;

/// <summary>
/// The latest the platform knows of one instance's adverts for one VRID, all times on the
/// server's clock. While <see cref="Advertising"/>, adverts keep coming: the agent reports a stop
/// within <see cref="MasterDownInterval"/> of the last one.
/// </summary>
public sealed record VrrpObservation(
    string InstanceId,
    int VirtualRouterId,
    bool Advertising,
    int Version,
    int Priority,
    TimeSpan AdvertInterval,
    string AuthType,
    IReadOnlyList<string> Addresses,
    TimeSpan MasterDownInterval,
    DateTime StartedAt,
    DateTime ChangedAt,
    DateTime LastAdvertAt)
{
    /// <summary>When the agent declared it silent (RFC 5798 §6.1: the last advert plus its Master_Down_Interval).</summary>
    public DateTime SilentAt => LastAdvertAt + MasterDownInterval;
}
