namespace HaVip.Server.Agents;

/// <summary>A host saw a bound instance claim a VIP at <paramref name="ClaimedAt"/>, on the server's clock (see <c>HostReportRules.ClaimedAt</c>).</summary>
public sealed record HolderSeen(string HaVipId, string InstanceId, DateTime ClaimedAt);

/// <summary>A host applied every change up to <paramref name="Sequence"/>, failing the HAVIPs in <paramref name="Errors"/>.</summary>
public sealed record HostApplied(string Host, long Sequence, IReadOnlyDictionary<string, string> Errors);

/// <summary>A host dropped <paramref name="Count"/> claims of a HAVIP's address by an instance; every field validated, <paramref name="ReceivedAt"/> on the server's clock.</summary>
public sealed record SpoofSeen(string HaVipId, string InstanceId, string MacAddress, long Count, DateTime ReceivedAt);

/// <summary>A host saw an instance's adverts for a VRID start, stop or change; validated, times on the server's clock.</summary>
public sealed record VrrpSeen(string InstanceId, int VirtualRouterId, HaVip.Domain.Health.AdvertSeen Advert);
