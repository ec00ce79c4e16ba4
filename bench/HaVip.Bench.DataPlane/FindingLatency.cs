using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HaVip.Contracts.Api;
using HaVip.Lab;
using HaVip.Lab.Probes;
using HaVip.Linux.Commands;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// Time to a finding (issue 17's benchmark), through real keepalived, the agents' captures and
/// the server: from the first advert of a second master to <c>SplitBrain</c> in
/// <c>GET /v1/havips/{id}</c>, and from the last advert of a dead master to <c>NoMaster</c>.
/// The adverts are timed by <see cref="AdvertWatch"/> in the sender's namespace, the API is
/// polled every <see cref="Poll"/>, both on this process's clock. havip-01 runs at priority 150
/// (Master_Down_Interval 3.414 s), havip-02 at the generated 100 (3.609 s).
/// </summary>
internal static partial class FindingLatency
{
    /// <summary>The API poll's period: it adds up to this much to each sample.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Any wait of the benchmark that takes longer is a broken lab, not a sample.</summary>
    private static readonly TimeSpan Broken = TimeSpan.FromSeconds(30);

    private const string BlockTable = "hvbench";

    public static async Task<(List<TimeSpan> Split, List<TimeSpan> NoMaster)> RunAsync(TestBed bed, HaVipDto vip, string[] pair, int runs, CancellationToken ct)
    {
        var (first, second) = (pair[0], pair[1]);
        var master = PriorityLine().Replace(await bed.Api.KeepalivedAsync(vip.Id, bed.InstanceId(first), ct), "priority 150");
        var split = new List<TimeSpan>();
        var noMaster = new List<TimeSpan>();
        using var secondAdverts = new AdvertWatch(bed.Names.Vm(second), await AddressAsync(bed, vip, second, ct));
        using var firstAdverts = new AdvertWatch(bed.Names.Vm(first), await AddressAsync(bed, vip, first, ct));
        await bed.StartVrrpAsync(first, vip.Id, master, ct);
        await WaitAsync(bed, vip.Id, v => v.Vrrp!.Any(i => i.InstanceId == bed.InstanceId(first) && i.Advertising), "first advertising", ct);
        await bed.StartVrrpAsync(second, vip.Id, ct: ct);
        try
        {
            for (var i = 0; i < runs; i++)
            {
                split.Add(await SplitOnceAsync(bed, vip.Id, second, secondAdverts, ct));
            }
            await bed.StopVrrpAsync(second);
            for (var i = 0; i < runs; i++)
            {
                noMaster.Add(await NoMasterOnceAsync(bed, vip.Id, first, master, firstAdverts, ct));
            }
        }
        finally
        {
            // Whatever failed, the block goes (its absence is no error).
            await new CommandRunner().RunAsync("ip", ["netns", "exec", bed.Names.Vm(second), "nft", "delete", "table", "ip", BlockTable], ct: CancellationToken.None);
            await bed.StopVrrpAsync(first);
            await bed.StopVrrpAsync(second);
        }
        return (split, noMaster);
    }

    /// <summary>Adverts into the backup dropped: it takes over after its Master_Down_Interval; timed from its first advert.</summary>
    private static async Task<TimeSpan> SplitOnceAsync(TestBed bed, string vipId, string backup, AdvertWatch adverts, CancellationToken ct)
    {
        await WaitAsync(bed, vipId, v => v.Health!.Findings.All(f => f.Code != "SplitBrain"), "no SplitBrain before the block", ct);
        adverts.Drain();
        await NftAsync(bed, backup, ct, "add", "table", "ip", BlockTable);
        await NftAsync(bed, backup, ct, "add chain ip " + BlockTable + " in { type filter hook input priority 0 ; }");
        await NftAsync(bed, backup, ct, "add", "rule", "ip", BlockTable, "in", "ip", "protocol", "vrrp", "drop");
        var firstAdvert = await adverts.NextAsync(Broken, ct) ?? throw new TimeoutException($"{backup} did not take over with its adverts blocked");
        var shown = await WaitAsync(bed, vipId, v => v.Health!.Findings.Any(f => f.Code == "SplitBrain"), "SplitBrain", ct);
        await NftAsync(bed, backup, ct, "delete", "table", "ip", BlockTable);
        return shown - firstAdvert;
    }

    /// <summary>The only advertising instance is SIGKILLed (no priority-0 goodbye); timed from its last advert.</summary>
    private static async Task<TimeSpan> NoMasterOnceAsync(TestBed bed, string vipId, string instance, string config, AdvertWatch adverts, CancellationToken ct)
    {
        var id = bed.InstanceId(instance);
        if (!bed.State.Pids.ContainsKey("keepalived-" + instance))
        {
            await bed.StartVrrpAsync(instance, vipId, config, ct);
        }
        await WaitAsync(bed, vipId, v => v.Vrrp!.Any(i => i.InstanceId == id && i.Advertising) && v.Health!.Findings.All(f => f.Code != "NoMaster"), "advertising again", ct);
        adverts.Drain();
        _ = await adverts.NextAsync(Broken, ct) ?? throw new TimeoutException($"{instance} sends no adverts");
        using var follow = new CancellationTokenSource();
        var following = adverts.FollowAsync(follow.Token);
        await bed.KillVrrpAsync(instance);
        var shown = await WaitAsync(bed, vipId, v => v.Health!.Findings.Any(f => f.Code == "NoMaster"), "NoMaster", ct);
        await follow.CancelAsync();
        await following;
        return shown - (adverts.Last ?? throw new InvalidOperationException("no advert heard before the kill"));
    }

    /// <summary>Polls the API until <paramref name="done"/>; the local time it first held.</summary>
    private static async Task<DateTime> WaitAsync(TestBed bed, string vipId, Func<HaVipDto, bool> done, string what, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (!done(await bed.Api.GetHaVipAsync(vipId, ct)))
        {
            if (watch.Elapsed > Broken)
            {
                throw new TimeoutException($"{what}: not within {Broken.TotalSeconds} s");
            }
            await Task.Delay(Poll, ct);
        }
        return DateTime.UtcNow;
    }

    private static async Task<IPAddress> AddressAsync(TestBed bed, HaVipDto vip, string instance, CancellationToken ct) =>
        IPAddress.Parse((await bed.Api.GetInstanceAsync(bed.InstanceId(instance), ct)).Nics.Single(n => n.SubnetId == vip.SubnetId).IpAddress);

    private static async Task NftAsync(TestBed bed, string instance, CancellationToken ct, params string[] args)
    {
        var result = await new CommandRunner().RunAsync("ip", ["netns", "exec", bed.Names.Vm(instance), "nft", .. args], ct: ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"nft {string.Join(' ', args)} in {instance}: {result.Error}");
        }
    }

    [GeneratedRegex(@"priority \d+")]
    private static partial Regex PriorityLine();
}
