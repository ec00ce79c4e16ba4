using HaVip.Contracts.Api;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;

namespace HaVip.Server.Api;

/// <summary>Domain → wire. The wire enums are separate so that clients never depend on the domain.</summary>
public static class Mapping
{
    public static VpcDto ToDto(this Vpc vpc) => new(vpc.Id, vpc.Name, vpc.Cidr, vpc.CreatedAt);

    public static SubnetDto ToDto(this Subnet s) => new(s.Id, s.VpcId, s.Name, s.Cidr, s.Gateway, s.Type.ToWire(), s.CreatedAt);

    public static InstanceDto ToDto(this Instance i, int haVipCount) => new(
        i.Id, i.Name, i.VpcId, i.Host,
        i.Nics.OrderBy(n => n.Device, StringComparer.Ordinal).Select(n => new NicDto(n.Device, n.SubnetId, n.IpAddress, n.MacAddress)).ToArray(),
        haVipCount, i.CreatedAt);

    public static HaVipDto ToDto(this HighAvailabilityVip h) => new(
        h.Id, h.Name, h.Remark, h.Type.ToWire(), h.VpcId, h.SubnetId, h.IpAddress, h.Status.ToWire(), h.StatusReason,
        h.InstanceIds, h.MasterInstanceId, h.CreatedAt, h.UpdatedAt);

    public static HaVipEventDto ToDto(this HaVipEvent e) => new(e.Id, e.At, e.Kind, e.Message, e.Status?.ToWire(), e.InstanceId);

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
}
