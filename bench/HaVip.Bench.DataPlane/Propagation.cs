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
        string[] Pair(int i) => [bed.InstanceId(LabSpec.InstanceName(1 + (i % hosts))), bed.InstanceId(LabSpec.InstanceName(1 + ((i + 1) % hosts)))];
        var bound = (await bed.Api.GetHaVipAsync(vip.Id, ct)).InstanceIds;
        var shift = 0;
        for (var i = 0; i < changes; i++)
        {
            // Binding the pair already bound changes nothing and so has nothing to measure.
            if (Pair(i + shift).ToHashSet(StringComparer.Ordinal).SetEquals(bound))
            {
                shift++;
            }
            var pair = Pair(i + shift);
            bound = pair;
            samples.Add(await BindAsync(bed, vip, pair, ct));
        }
        return samples;
    }

    /// <summary>
    /// Binds exactly <paramref name="instanceIds"/> and waits for `available`: the time from the
    /// request to the server's `available` event (same clock). Reading the event rather than the
    /// moment a poll saw it lets the poll be slow enough not to load the server it measures.
    /// </summary>
    public static async Task<TimeSpan> BindAsync(TestBed bed, HaVipDto vip, string[] instanceIds, CancellationToken ct)
    {
        var start = DateTime.UtcNow;
        using (var response = await bed.Api.Http.PutAsJsonAsync($"/v1/havips/{vip.Id}/instances", new { instanceIds }, ApiJson.Options, ct))
        {
            response.EnsureSuccessStatusCode();
        }
        while ((await bed.Api.GetHaVipAsync(vip.Id, ct)).Status != HaVipState.Available)
        {
            await Task.Delay(25, ct);
        }
        var available = (await bed.Api.EventsAsync(vip.Id, ct)).Last(e => e.Kind == "status" && e.Status == HaVipState.Available);
        if (available.At < start)
        {
            throw new InvalidOperationException($"binding {string.Join(", ", instanceIds)} made no new 'available' event (the last is from {available.At:O}, before the change at {start:O}): nothing was measured");
        }
        if (Environment.GetEnvironmentVariable("HAVIP_BENCH_TRACE") == "1")
        {
            Console.WriteLine($"  change sent {start:HH:mm:ss.fff}, available {available.At:HH:mm:ss.fff} ({(available.At - start).TotalMilliseconds:0} ms)");
        }
        return available.At - start;
    }
}
