using HaVip.Contracts.Api;
using HaVip.Domain.HaVips;
using HaVip.Server.Http;

namespace HaVip.Server.HaVips;

/// <summary>HAVIPs and their timeline → wire.</summary>
public static class HaVipMapping
{
    public static HaVipDto ToDto(this HighAvailabilityVip h) => HaVipReading.Of(h).ToDto();

    public static HaVipEventDto ToDto(this HaVipEvent e) => new(
        e.Id, e.At, e.Kind, e.Message, e.Status?.ToWire(), e.InstanceId, e.Finding, e.Instances is null ? null : e.Instances.Split(',', StringSplitOptions.RemoveEmptyEntries));
}
