using HaVip.Contracts.Api;
using HaVip.Domain.HaVips;
using HaVip.Server.Http;

namespace HaVip.Server.HaVips;

/// <summary>HAVIPs and their timeline → wire.</summary>
public static class HaVipMapping
{
    public static HaVipDto ToDto(this HighAvailabilityVip h) => new(
        h.Id, h.Name, h.Remark, h.Type.ToWire(), h.VpcId, h.SubnetId, h.IpAddress, h.Status.ToWire(), h.StatusReason,
        h.InstanceIds, h.MasterInstanceId, h.CreatedAt, h.UpdatedAt, IpVersion: h.Family.ToWire());

    public static HaVipEventDto ToDto(this HaVipEvent e) => new(
        e.Id, e.At, e.Kind, e.Message, e.Status?.ToWire(), e.InstanceId, e.Finding, e.Instances is null ? null : e.Instances.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
