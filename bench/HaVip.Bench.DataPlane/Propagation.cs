using System.Diagnostics;
using System.Net.Http.Json;
using HaVip.Contracts.Api;
using HaVip.Lab;

namespace HaVip.Bench.DataPlane;

/// <summary>From an API change (replace the bound instances) to `available`, i.e. every host of the subnet applied it.</summary>
internal static class Propagation
{
    public static async Task<List<TimeSpan>> RunAsync(TestBed bed, HaVipDto vip, int changes, CancellationToken ct)
    {
        var samples = new List<TimeSpan>();
        string[][] sets = [[bed.InstanceId("havip-01"), bed.InstanceId("havip-02")], [bed.InstanceId("havip-01"), bed.InstanceId("havip-03")]];
        for (var i = 0; i < changes; i++)
        {
            var watch = Stopwatch.StartNew();
            using (var response = await bed.Api.Http.PutAsJsonAsync($"/v1/havips/{vip.Id}/instances", new { instanceIds = sets[i % 2] }, ApiJson.Options, ct))
            {
                response.EnsureSuccessStatusCode();
            }
            while ((await bed.Api.HaVipAsync(vip.Id, ct)).Status != HaVipState.Available)
            {
                await Task.Delay(1, ct);
            }
            samples.Add(watch.Elapsed);
        }
        return samples;
    }
}
