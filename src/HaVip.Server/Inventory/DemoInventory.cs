using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Inventory;

/// <summary>
/// What an empty database starts with, using the user guide's addresses: one VPC, the internal
/// subnet 10.0.240.0/24 and the external 192.168.177.0/24, and three instances with a NIC in
/// each (10.0.240.14, .15, .16 on eth0; external NICs on eth1). The internal subnet is
/// dual-stack with a unique local /64 (<see cref="InternalIpv6Cidr"/>, never a global prefix),
/// so its NICs get IPv6 addresses (the lowest free: ::2, ::3, ::4) and it takes IPv6 HAVIPs.
/// </summary>
public static class DemoInventory
{
    public static readonly string[] InstanceNames = ["havip-01", "havip-02", "havip-03"];

    /// <summary>A ULA prefix (RFC 4193, fd00::/8) spelling the IPv4 subnet's third octet.</summary>
    public const string InternalIpv6Cidr = "fd00:10:0:240::/64";

    public static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<HaVipDbContext>();
        if (await db.Vpcs.AnyAsync(ct))
        {
            return;
        }
        var vpc = await services.GetRequiredService<VpcService>().CreateAsync("demo-vpc", "10.0.0.0/16", ct);
        var subnets = services.GetRequiredService<SubnetService>();
        var inside = await subnets.CreateAsync(vpc.Id, "demo-internal", "10.0.240.0/24", null, Domain.Resources.SubnetType.Internal, InternalIpv6Cidr, ct);
        var outside = await subnets.CreateAsync(vpc.Id, "demo-external", "192.168.177.0/24", null, Domain.Resources.SubnetType.External, null, ct);
        var instances = services.GetRequiredService<InstanceService>();
        for (var i = 0; i < InstanceNames.Length; i++)
        {
            await instances.CreateAsync(InstanceNames[i], vpc.Id, null,
            [
                new NicSpec(inside.Id, "eth0", $"10.0.240.{14 + i}", null),
                new NicSpec(outside.Id, "eth1", $"192.168.177.{14 + i}", null),
            ], ct);
        }
    }
}
