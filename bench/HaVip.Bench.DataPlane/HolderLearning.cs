using System.Diagnostics;
using HaVip.Contracts.Api;
using HaVip.Lab;
using HaVip.Lab.Probes;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// From a gratuitous ARP on the wire to the new masterInstanceId in the API. The master's
/// keepalived is stopped (priority-0 advert), the backup takes over and announces itself; the
/// agent reports the time it saw the GARP, the server records it as the master event's time,
/// and the API is polled until it shows the new master. The stopped one restarts as backup.
/// The time from the stop is kept too: the backup takes over after Skew_Time (0.61 s), so
/// anything much longer means the first GARP burst went unreported and a later one was used.
/// The API is polled every millisecond, but only from the moment the client's namespace heard
/// the GARP: polling all through the backup's wait would load the server being measured.
/// </summary>
internal static class HolderLearning
{
    public static async Task<(List<TimeSpan> Learning, List<TimeSpan> FromStop)> RunAsync(TestBed bed, HaVipDto vip, int failovers, CancellationToken ct)
    {
        using var garps = new GarpWatch(bed.Names.Vm(LabSpec.ClientName), System.Net.IPAddress.Parse(vip.IpAddress));
        var samples = new List<TimeSpan>();
        var fromStop = new List<TimeSpan>();
        for (var i = 0; i < failovers; i++)
        {
            var before = (await bed.Api.GetHaVipAsync(vip.Id, ct)).MasterInstanceId!;
            var master = bed.NameOf(before);
            // Polled while keepalived is still stopping: the backup takes over on its goodbye
            // advert, well before the process has exited, and waiting for the exit first would
            // count the shutdown as learning time.
            garps.Drain();
            var claim = garps.NextClaimAsync(TimeSpan.FromSeconds(15), ct);
            var stopping = bed.StopVrrpAsync(master);
            var watch = Stopwatch.StartNew();
            var heard = await claim;
            HaVipDto now;
            do
            {
                await Task.Delay(1, ct);
                now = await bed.Api.GetHaVipAsync(vip.Id, ct);
            }
            while (now.MasterInstanceId == before && watch.Elapsed < TimeSpan.FromSeconds(15));
            var shown = DateTime.UtcNow;
            await stopping;
            var seenAt = (await bed.Api.EventsAsync(vip.Id, ct)).Last(e => e.Kind == "master").At;
            samples.Add(shown - seenAt);
            fromStop.Add(watch.Elapsed);
            if (Environment.GetEnvironmentVariable("HAVIP_BENCH_TRACE") == "1")
            {
                Console.WriteLine($"  stop began {shown - watch.Elapsed:HH:mm:ss.fff}, GARP seen by agent {seenAt:HH:mm:ss.fff}, by client {heard:HH:mm:ss.fff}, API showed {shown:HH:mm:ss.fff}");
            }
            await bed.StartVrrpAsync(master, vip.Id, ct: ct);
            await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        }
        return (samples, fromStop);
    }
}
