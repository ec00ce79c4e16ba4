using HaVip.Contracts.Api;
using HaVip.Domain.Addressing;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;

namespace HaVip.Server.Http;

/// <summary>Domain enums → wire enums (the entities' own mappings live with their features). The wire enums are separate so that clients never depend on the domain.</summary>
public static class WireMapping
{
    public static NetworkType ToWire(this SubnetType type) => type == SubnetType.Internal ? NetworkType.Internal : NetworkType.External;

    public static SubnetType ToDomain(this NetworkType type) => type == NetworkType.Internal ? SubnetType.Internal : SubnetType.External;

    public static HaVipState ToWire(this HaVipStatus status) => status switch
    {
        HaVipStatus.Creating => HaVipState.Creating,
        HaVipStatus.Available => HaVipState.Available,
        HaVipStatus.Failed => HaVipState.Failed,
        _ => HaVipState.Deleting,
    };

    public static HaVipStatus ToDomain(this HaVipState state) => state switch
    {
        HaVipState.Creating => HaVipStatus.Creating,
        HaVipState.Available => HaVipStatus.Available,
        HaVipState.Failed => HaVipStatus.Failed,
        _ => HaVipStatus.Deleting,
    };

    public static IpVersion ToWire(this IpFamily family) => family == IpFamily.Ipv6 ? IpVersion.Ipv6 : IpVersion.Ipv4;

    public static IpFamily ToDomain(this IpVersion version) => version == IpVersion.Ipv6 ? IpFamily.Ipv6 : IpFamily.Ipv4;
}
