using System.Diagnostics;
using System.Net.Http.Json;
using HaVip.Contracts.Api;
using HaVip.Lab;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// From an API change (replace the bound instances) to `available`, i.e. every host of the
/// subnet applied it. Each change binds the next two instances in turn, so the bound pair walks
/// over all hosts; every host carries the subnet and must apply every change either way.
/// </summary>
internal static class Propagation
{
    public static async Task<List<TimeSpan>> RunAsync(TestBed bed, HaVipDto vip, int hosts, int changes, CancellationToken ct)
    {
        var samples = new List<TimeSpan>();
        for (var i = 0; i < changes; i++)
        {
            string[] pair = [bed.InstanceId(LabSpec.InstanceName(1 + (i % hosts))), bed.InstanceId(LabSpec.InstanceName(1 + ((i + 1) % hosts)))];
            samples.Add(await BindAsync(bed, vip, pair, ct));
        }
        return samples;
    }

    /// <summary>Binds exactly <paramref name="instanceIds"/> and waits for `available`: the time that took.</summary>
    public static async Task<TimeSpan> BindAsync(TestBed bed, HaVipDto vip, string[] instanceIds, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using (var response = await bed.Api.Http.PutAsJsonAsync($"/v1/havips/{vip.Id}/instances", new { instanceIds }, ApiJson.Options, ct))
        {
            response.EnsureSuccessStatusCode();
        }
        while ((await bed.Api.HaVipAsync(vip.Id, ct)).Status != HaVipState.Available)
        {
            await Task.Delay(1, ct);
        }
        return watch.Elapsed;
    }
}
