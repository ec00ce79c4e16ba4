using HaVip.Contracts.Api;
using HaVip.Lab;

namespace HaVip.Cli.Commands;

/// <summary>The demo: a HAVIP on the internal subnet bound to havip-01 (hv1) and havip-02 (hv2), with keepalived running in both.</summary>
internal static class DemoHaVip
{
    public static readonly string[] Instances = ["havip-01", "havip-02"];

    public static async Task<HaVipDto> CreateAsync(TestBed bed, CancellationToken ct)
    {
        var subnet = (await bed.SubnetsAsync(ct)).First(s => s.Type == NetworkType.Internal);
        var vip = await bed.Api.CreateHaVipAsync(new CreateHaVipRequest("demo-vip", NetworkType.Internal, subnet.Id,
            Remark: "created by havip up", InstanceIds: Instances.Select(bed.InstanceId).ToArray()), ct);
        vip = await WaitAsync(bed, vip.Id, v => v.Status != HaVipState.Creating, ct);
        foreach (var instance in Instances)
        {
            await bed.StartVrrpAsync(instance, vip.Id, ct: ct);
        }
        return await WaitAsync(bed, vip.Id, v => v.MasterInstanceId is not null, ct);
    }

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
