using System.Diagnostics;
using System.Net;
using HaVip.Lab.Probes;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// Client-observed failover: the client pings the VIP every <see cref="ProbeInterval"/>, the
/// master's link is taken down at a random phase of the advert cycle, and the time from the
/// fault to the first reply (necessarily from the new master) is taken. Faults alternate between
/// the setups, so both see the same machine load. Each setup may have its own VIP (the IPv6
/// part compares one pair's IPv4 and IPv6 HAVIPs); ICMPv6 echo for an IPv6 one.
/// </summary>
internal static class ClientFailover
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan AdvertInterval = TimeSpan.FromMilliseconds(100);

    public static Task<Dictionary<string, List<TimeSpan>>> RunAsync(IReadOnlyList<IVrrpSetup> setups, IPAddress vip, int faults, CancellationToken ct) =>
        RunAsync(setups.Select(s => (s, vip)).ToArray(), faults, ct);

    public static async Task<Dictionary<string, List<TimeSpan>>> RunAsync(IReadOnlyList<(IVrrpSetup Setup, IPAddress Vip)> setups, int faults, CancellationToken ct)
    {
        var samples = setups.ToDictionary(s => s.Setup.Name, _ => new List<TimeSpan>());
        var probes = setups.ToDictionary(s => s.Setup.Name, s => new IcmpProbe(s.Setup.ClientNetns, s.Vip.AddressFamily));
        try
        {
            for (var i = 0; i < faults; i++)
            {
                foreach (var (setup, vip) in setups)
                {
                    samples[setup.Name].Add(await FaultAsync(setup, probes[setup.Name], vip, ct));
                }
            }
        }
        finally
        {
            foreach (var probe in probes.Values)
            {
                probe.Dispose();
            }
        }
        return samples;
    }

    private static async Task<TimeSpan> FaultAsync(IVrrpSetup setup, IcmpProbe probe, IPAddress vip, CancellationToken ct)
    {
        var settle = Stopwatch.StartNew();
        string? master;
        while ((master = await setup.MasterAsync(ct)) is null || !probe.Ping(vip, TimeSpan.FromMilliseconds(50)))
        {
            if (settle.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"{setup.Name}: no master answering the VIP within 20 s");
            }
            await Task.Delay(50, ct);
        }
        // Settle, then fault at a random phase of the advert cycle: a fixed delay would always hit the same phase.
        await Task.Delay(TimeSpan.FromMilliseconds(300) + (AdvertInterval * Random.Shared.NextDouble()), ct);
        var clock = Stopwatch.StartNew();
        await setup.FailLinkAsync(master, ct);
        try
        {
            return FirstReply(probe, vip, clock, ProbeInterval, TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"{setup.Name}: the VIP did not answer within 10 s of the fault");
        }
        finally
        {
            await setup.RestoreLinkAsync(master, ct);
        }
    }

    /// <summary>Pings every <paramref name="every"/> (each with that timeout) until a reply: its time on <paramref name="clock"/>, or null after <paramref name="limit"/>.</summary>
    public static TimeSpan? FirstReply(IcmpProbe probe, IPAddress vip, Stopwatch clock, TimeSpan every, TimeSpan limit)
    {
        while (clock.Elapsed < limit)
        {
            var sent = clock.Elapsed;
            if (probe.Ping(vip, every))
            {
                return clock.Elapsed;
            }
            var rest = every - (clock.Elapsed - sent);
            if (rest > TimeSpan.Zero)
            {
                Thread.Sleep(rest);
            }
        }
        return null;
    }
}
