using HaVip.Contracts.Api;
using HaVip.Domain.Resources;
using HaVip.Server.Http;

namespace HaVip.Server.Inventory;

/// <summary>VPCs, subnets and instances → wire.</summary>
public static class InventoryMapping
{
    public static VpcDto ToDto(this Vpc vpc) => new(vpc.Id, vpc.Name, vpc.Cidr, vpc.CreatedAt);

    public static SubnetDto ToDto(this Subnet s) =>
        new(s.Id, s.VpcId, s.Name, s.Cidr, s.Gateway, s.Type.ToWire(), s.CreatedAt, s.Ipv6Cidr, s.Ipv6Prefix?.Gateway.ToString());

    public static InstanceDto ToDto(this Instance i, int haVipCount) => new(
        i.Id, i.Name, i.VpcId, i.Host,
        i.Nics.OrderBy(n => n.Device, StringComparer.Ordinal).Select(n => new NicDto(n.Device, n.SubnetId, n.IpAddress, n.MacAddress)).ToArray(),
        haVipCount, i.CreatedAt);
}
