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

/// <summary>An instance that is not bound claimed the HAVIP's address; the agent dropped it. The server records it at its own receipt time.</summary>
public sealed record SpoofReport(string? HaVipId, string? InstanceId, string? MacAddress, DateTime SeenAt, long Count);
