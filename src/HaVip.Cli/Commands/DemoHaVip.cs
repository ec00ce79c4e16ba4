using HaVip.Contracts.Api;
using HaVip.Lab;

namespace HaVip.Cli.Commands;

/// <summary>
/// The demo: a HAVIP on the internal subnet bound to havip-01 (hv1) and havip-02 (hv2), with
/// keepalived running in both; in a dual-stack subnet an IPv6 HAVIP beside it, bound to the same
/// instances, with a keepalived of its own in each (VRRPv3, its own VRID and instance name).
/// </summary>
internal static class DemoHaVip
{
    public static readonly string[] Instances = ["havip-01", "havip-02"];

    /// <summary>The lab label of the IPv6 HAVIP's keepalived (keepalived-havip-01-v6).</summary>
    private const string Ipv6Label = "v6";

    public static async Task<IReadOnlyList<HaVipDto>> CreateAsync(TestBed bed, CancellationToken ct)
    {
        var subnet = (await bed.SubnetsAsync(ct)).First(s => s.Type == NetworkType.Internal);
        var demos = new List<(HaVipDto Vip, string? Label)> { (await CreateOneAsync(bed, subnet, "demo-vip", null, ct), null) };
        if (subnet.Ipv6Cidr is not null)
        {
            demos.Add((await CreateOneAsync(bed, subnet, "demo-vip6", IpVersion.Ipv6, ct), Ipv6Label));
        }
        var created = new List<HaVipDto>();
        foreach (var (vip, label) in demos)
        {
            await WaitAsync(bed, vip.Id, v => v.Status != HaVipState.Creating, ct);
            foreach (var instance in Instances)
            {
                await bed.StartVrrpAsync(instance, vip.Id, ct: ct, label: label);
            }
        }
        foreach (var (vip, _) in demos)
        {
            created.Add(await WaitAsync(bed, vip.Id, v => v.MasterInstanceId is not null, ct));
        }
        return created;
    }

    private static Task<HaVipDto> CreateOneAsync(TestBed bed, SubnetDto subnet, string name, IpVersion? version, CancellationToken ct) =>
        bed.Api.CreateHaVipAsync(new CreateHaVipRequest(name, NetworkType.Internal, subnet.Id,
            Remark: "created by havip up", InstanceIds: Instances.Select(bed.InstanceId).ToArray(), IpVersion: version), ct);

    private static async Task<HaVipDto> WaitAsync(TestBed bed, string id, Func<HaVipDto, bool> done, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var vip = await bed.Api.GetHaVipAsync(id, ct);
        while (!done(vip) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
            vip = await bed.Api.GetHaVipAsync(id, ct);
        }
        return vip;
    }
}
