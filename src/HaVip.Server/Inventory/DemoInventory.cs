using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Inventory;

/// <summary>
/// What an empty database starts with, using the user guide's addresses: one VPC, the internal
/// subnet 10.0.240.0/24 and the external 192.168.177.0/24, and three instances with a NIC in
/// each (10.0.240.14, .15, .16 on eth0; external NICs on eth1).
/// </summary>
public static class DemoInventory
{
    public static readonly string[] InstanceNames = ["havip-01", "havip-02", "havip-03"];

    public static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<HaVipDbContext>();
        if (await db.Vpcs.AnyAsync(ct))
        {
            return;
        }
        var vpc = await services.GetRequiredService<VpcService>().CreateAsync("demo-vpc", "10.0.0.0/16", ct);
        var subnets = services.GetRequiredService<SubnetService>();
        var inside = await subnets.CreateAsync(vpc.Id, "demo-internal", "10.0.240.0/24", null, Domain.Resources.SubnetType.Internal, null, ct);
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
