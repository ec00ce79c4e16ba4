using System.Globalization;
using System.Net;
using HaVip.Contracts.Api;
using HaVip.Lab;
using HaVip.Linux.Commands;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// The IPv6 part (issue 20): an IPv6 HAVIP on the same pair as the IPv4 one, each run by
/// keepalived at VRRPv3 advert_int 0.1 in its turn, the client's failover measured on each,
/// faults alternating (ratio of medians IPv6 / IPv4, target ≤ 1.05); then holder learning
/// for IPv6 alone: the new master's unsolicited NA seen by the agent → the API's master (p99 &lt; 50 ms).
/// </summary>
internal static class Ipv6Comparison
{
    private static readonly TimeSpan SlowFailover = TimeSpan.FromSeconds(0.5);

    public static async Task RunAsync(TestBed bed, HaVipDto vip4, SubnetDto subnet, string[] pair, int rounds, CancellationToken ct)
    {
        var vip6 = await bed.Api.CreateHaVipAsync(new CreateHaVipRequest("bench6", NetworkType.Internal, subnet.Id,
            InstanceIds: pair.Select(bed.InstanceId).ToArray(), IpVersion: IpVersion.Ipv6), ct);
        try
        {
            await AvailableAsync(bed, vip6.Id, ct);
            await FailoverAsync(bed, vip4, vip6, pair, rounds, ct);
            await HolderLearning.MeasureAsync(bed, vip6, pair, rounds, "holder learning, IPv6 HAVIP (unsolicited NA seen → API master), target p99 < 50 ms", ct);
        }
        finally
        {
            await bed.Api.DeleteHaVipAsync(vip6.Id, ct);
        }
    }

    private static async Task FailoverAsync(TestBed bed, HaVipDto vip4, HaVipDto vip6, string[] pair, int faults, CancellationToken ct)
    {
        var running = new Running();
        var v4 = new FamilySetup(bed, vip4, pair, "IPv4 HAVIP", running);
        var v6 = new FamilySetup(bed, vip6, pair, "IPv6 HAVIP", running);
        try
        {
            var samples = await ClientFailover.RunAsync([(v4, IPAddress.Parse(vip4.IpAddress)), (v6, IPAddress.Parse(vip6.IpAddress))], faults, ct);
            Console.WriteLine($"client-observed failover, one keepalived pair, its IPv4 or its IPv6 HAVIP (one at a time), VRRPv3 advert_int 0.1, {faults} faults each, interleaved");
            foreach (var (name, list) in samples)
            {
                // Past the backup's Master_Down_Interval (0.36 s) and the 5 ms probe by far: a takeover whose first claims did not reach the client.
                var slow = list.Count(t => t > SlowFailover);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: median {Stats.Median(list):0.000} s, max {list.Max().TotalSeconds:0.000} s, over {SlowFailover.TotalSeconds:0.0} s: {slow} of {list.Count}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio of medians IPv6 / IPv4: {Stats.Median(samples[v6.Name]) / Stats.Median(samples[v4.Name]):0.00} (target ≤ 1.05)"));
            // Only the IPv4 HAVIP is arbitrated: its elements (2.5 intervals) must lapse before the backup's Master_Down_Interval.
            // Each advert source carries the interval its heard/speaking elements are timed by (docs/split-brain.md, "Advert intervals").
            var carried = (await bed.DesiredStateAsync(bed.HostOf(pair[1]), ct)).HaVips.Single(v => v.Id == vip4.Id).Vrrp;
            var timed = carried is null ? "-" : string.Join(", ", carried.Sources.Select(source =>
                $"{source.InstanceId} {(source.AdvertIntervalMilliseconds ?? carried.AdvertIntervalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms"));
            Console.WriteLine($"  IPv4 HAVIP's silence elements timed per advert source by: {timed} (the pair advertises every 100 ms)");
        }
        finally
        {
            foreach (var instance in pair)
            {
                await bed.StopVrrpAsync(instance);
            }
        }
    }

    /// <summary>Which HAVIP's keepalived the pair runs now.</summary>
    private sealed class Running
    {
        public string? VipId { get; set; }
    }

    /// <summary>
    /// One HAVIP of the pair, keepalived VRRPv3 at advert_int 0.1. Before its fault it makes its
    /// own daemons the pair's only ones (at advert_int 0.1 the election takes ~0.4 s): with both
    /// families' daemons running, each fault also fails the other family over unmeasured. The
    /// master counts only once the platform has settled the restarted cluster, as a cluster that
    /// has run for a while is: the API's master is the instance holding the VIP and, for an IPv4
    /// HAVIP with arbitration on, the backup's host holds the decision for it in its kernel. A
    /// fault sooner raced that round trip: some faults met the decision in force and some not
    /// (docs/benchmarks.md, IPv6 section).
    /// </summary>
    private sealed class FamilySetup(TestBed bed, HaVipDto vip, string[] pair, string name, Running running) : IVrrpSetup
    {
        private readonly LabVrrpSetup _lab = new(bed, vip.IpAddress, pair, name);
        private readonly CommandRunner _commands = new();

        public string Name => name;

        public string ClientNetns => _lab.ClientNetns;

        public async Task<string?> MasterAsync(CancellationToken ct)
        {
            if (running.VipId != vip.Id)
            {
                foreach (var instance in pair)
                {
                    await bed.StopVrrpAsync(instance);
                }
                foreach (var instance in pair)
                {
                    await bed.StartVrrpAsync(instance, vip.Id, KeepalivedV3.From(await bed.Api.KeepalivedAsync(vip.Id, bed.InstanceId(instance), ct)), ct);
                }
                running.VipId = vip.Id;
            }
            var master = await _lab.MasterAsync(ct);
            return master is not null && await SettledAsync(master, ct) ? master : null;
        }

        private async Task<bool> SettledAsync(string master, CancellationToken ct)
        {
            if ((await bed.Api.GetHaVipAsync(vip.Id, ct)).MasterInstanceId != bed.InstanceId(master))
            {
                return false;
            }
            if (vip.IpVersion != IpVersion.Ipv4 || !bed.Arbitration)
            {
                return true;
            }
            var backupHost = bed.HostOf(pair.Single(i => i != master));
            var decision = await _commands.RunAsync("ip", ["netns", "exec", bed.Names.Host(backupHost), "nft", "list", "set", "bridge", "havip", "decision"], ct: ct);
            return decision.Output.Contains(vip.IpAddress + " . ", StringComparison.Ordinal);
        }

        public Task FailLinkAsync(string instance, CancellationToken ct) => _lab.FailLinkAsync(instance, ct);

        public Task RestoreLinkAsync(string instance, CancellationToken ct) => _lab.RestoreLinkAsync(instance, ct);
    }

    private static async Task AvailableAsync(TestBed bed, string id, CancellationToken ct)
    {
        var by = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        HaVipDto now;
        while ((now = await bed.Api.GetHaVipAsync(id, ct)).Status != HaVipState.Available)
        {
            if (DateTime.UtcNow > by)
            {
                throw new TimeoutException($"the IPv6 HAVIP {id} not available a minute after it was created (status {now.Status})");
            }
            await Task.Delay(100, ct);
        }
    }
}
