namespace HaVip.Contracts.Agents;

/// <summary>A host announces itself, the underlay address other hosts tunnel to, and its agent's version (optional, for operators).</summary>
public sealed record RegisterHostRequest(string? UnderlayIp, string? AgentVersion = null);

/// <summary>Everything up to <paramref name="Sequence"/> is applied, except the HAVIPs in <paramref name="Errors"/> (id → reason).</summary>
public sealed record AppliedReport(long Sequence, IReadOnlyDictionary<string, string>? Errors = null);

/// <summary>
/// A bound instance claimed the HAVIP's address (gratuitous ARP). <paramref name="AgeMilliseconds"/> is how long
/// before sending the agent saw the claim, on its monotonic clock; the server places the claim at its own receipt
/// time less that age. <paramref name="SeenAt"/> is the agent's wall clock, for logs only: it orders nothing.
/// </summary>
public sealed record HolderReport(string? HaVipId, string? InstanceId, DateTime SeenAt, long? AgeMilliseconds = null);

/// <summary>
/// An instance's VRRP adverts for one VRID started, stopped or changed; the agent never sends one per advert.
/// <paramref name="AgeMilliseconds"/> is the age of the last advert seen, on the agent's monotonic clock, as for
/// holder claims. <paramref name="MasterDownIntervalMicroseconds"/> is the silence after which the agent declares a
/// stop (RFC 5798 §6.1, from the advert's own version, priority and interval). The auth data is never sent.
/// </summary>
public sealed record VrrpReport(
    string? InstanceId,
    int VirtualRouterId,
    bool Advertising,
    int Version,
    int Priority,
    long AdvertIntervalMilliseconds,
    string? AuthType,
    IReadOnlyList<string>? Addresses,
    long MasterDownIntervalMicroseconds,
    long? AgeMilliseconds = null);

/// <summary>
/// The agent found its host's kernel drifted from the state it applied (<paramref name="What"/>: "table" gone, "rules"
/// changed, a "port" out of its bridge) and applied it again. The server records it at its own receipt time.
/// </summary>
public sealed record RepairReport(IReadOnlyList<string>? What, DateTime RepairedAt);

/// <summary>An instance that is not bound claimed the HAVIP's address; the agent dropped it. The server records it at its own receipt time.</summary>
public sealed record SpoofReport(string? HaVipId, string? InstanceId, string? MacAddress, DateTime SeenAt, long Count);
