using System.Diagnostics;
using HaVip.Contracts.Api;
using HaVip.Lab;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// From a gratuitous ARP on the wire to the new masterInstanceId in the API. The master's
/// keepalived is stopped (priority-0 advert), the backup takes over and announces itself; the
/// agent reports the time it saw the GARP, the server records it as the master event's time,
/// and the API is polled until it shows the new master. The stopped one restarts as backup.
/// </summary>
internal static class HolderLearning
{
    public static async Task<List<TimeSpan>> RunAsync(TestBed bed, HaVipDto vip, int failovers, CancellationToken ct)
    {
        var samples = new List<TimeSpan>();
        for (var i = 0; i < failovers; i++)
        {
            var before = (await bed.Api.HaVipAsync(vip.Id, ct)).MasterInstanceId!;
            var master = bed.NameOf(before);
            await bed.StopVrrpAsync(master);
            var watch = Stopwatch.StartNew();
            HaVipDto now;
            do
            {
                await Task.Delay(2, ct);
                now = await bed.Api.HaVipAsync(vip.Id, ct);
            }
            while (now.MasterInstanceId == before && watch.Elapsed < TimeSpan.FromSeconds(15));
            var seenAt = (await bed.Api.EventsAsync(vip.Id, ct)).Last(e => e.Kind == "master").At;
            samples.Add(DateTime.UtcNow - seenAt);
            await bed.StartVrrpAsync(master, vip.Id, ct: ct);
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        }
        return samples;
    }
}
