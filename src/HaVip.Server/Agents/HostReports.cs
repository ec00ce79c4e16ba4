namespace HaVip.Server.Agents;

/// <summary>A host saw a bound instance claim a VIP at <paramref name="SeenAt"/>.</summary>
public sealed record HolderSeen(string HaVipId, string InstanceId, DateTime SeenAt);

/// <summary>A host applied every change up to <paramref name="Sequence"/>, failing the HAVIPs in <paramref name="Errors"/>.</summary>
public sealed record HostApplied(string Host, long Sequence, IReadOnlyDictionary<string, string> Errors);
