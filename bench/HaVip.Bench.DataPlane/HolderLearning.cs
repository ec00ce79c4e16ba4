using System.Diagnostics;
using HaVip.Contracts.Api;
using HaVip.Lab;
using HaVip.Lab.Probes;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// From a gratuitous ARP (for an IPv6 VIP: an unsolicited Neighbor Advertisement) on the wire to the new masterInstanceId in the API. The master's
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
    /// <summary>Starts the pair's keepalived with the server's configuration, measures <paramref name="failovers"/> learnings, prints them, stops the pair.</summary>
    public static async Task MeasureAsync(TestBed bed, HaVipDto vip, IReadOnlyList<string> pair, int failovers, string title, CancellationToken ct)
    {
        try
        {
            foreach (var instance in pair)
            {
                await bed.StartVrrpAsync(instance, vip.Id, ct: ct);
            }
            await ElectedAsync(bed, vip, ct);
            var (learning, fromStop) = await RunAsync(bed, vip, failovers, ct);
            Console.WriteLine(Stats.Summary(title, learning));
            Console.WriteLine(Stats.Summary("  check: master stopped → API master (backup waits Skew_Time 0.61 s)", fromStop));
        }
        finally
        {
            foreach (var instance in pair)
            {
                await bed.StopVrrpAsync(instance);
            }
        }
    }

    /// <summary>Waits for the API's first master of the pair just started, then for the election to settle.</summary>
    private static async Task ElectedAsync(TestBed bed, HaVipDto vip, CancellationToken ct)
    {
        // keepalived elects within Master_Down_Interval (3.6 s at its defaults); a minute is a broken lab.
        var electedBy = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while ((await bed.Api.GetHaVipAsync(vip.Id, ct)).MasterInstanceId is null)
        {
            if (DateTime.UtcNow > electedBy)
            {
                throw new TimeoutException($"no master in the API a minute after VRRP started on the pair of {vip.IpAddress}");
            }
            await Task.Delay(100, ct);
        }
        // Let the first election settle (keepalived re-announces a simultaneous takeover's winner
        // 5 s later), or the first failover can start from a master that is about to change.
        await Task.Delay(TimeSpan.FromSeconds(6), ct);
    }

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
