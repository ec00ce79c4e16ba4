using System.Globalization;
using System.Net;
using HaVip.Bench.DataPlane;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;
using HaVip.Lab;
using HaVip.Lab.Vrrp;

// Data-plane benchmarks on the namespace lab (root). Usage: [failovers] [changes] [hosts] [faults] [findings] [ipv6]; 0 skips a part.
// ipv6: that many faults on each of an IPv4 and an IPv6 HAVIP of one pair, then that many IPv6 holder learnings.
// `arbitration [rounds] [--smoke] [--daemon keepalived|havipd]`: the split-brain scenarios instead (SplitBrainBench).
if (args is ["arbitration", .. var arbitration])
{
    if (!VrrpDaemon.TryParse(arbitration, out var daemon, out var error))
    {
        Console.Error.WriteLine($"arbitration: {error}");
        Environment.ExitCode = 2;
        return;
    }
    await SplitBrainBench.RunAsync(arbitration, daemon, CancellationToken.None);
    return;
}
// --smoke: every part once on the smallest lab that has them all (3 hosts: the pair and the client
// apart), to show the benchmark still runs (scripts/test.sh); any failure exits non-zero.
var smoke = args.Contains("--smoke");
int Arg(int i, int fallback) => !smoke && args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
var failovers = Arg(0, smoke ? 1 : 100);
var changes = Arg(1, smoke ? 2 : 100);
var hosts = Arg(2, smoke ? 3 : 10);
var faults = Arg(3, smoke ? 1 : 10);
var findings = Arg(4, smoke ? 1 : 50);
var ipv6 = Arg(5, smoke ? 1 : 50);
var warmUp = smoke ? 1 : 20;
var ct = CancellationToken.None;
var stateDir = Path.Combine(Path.GetTempPath(), "havip-bench-" + Guid.NewGuid().ToString("N")[..8]);
Console.WriteLine($"# data plane, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} CPUs, {hosts} hosts");
var bed = await TestBed.UpAsync(LabSpec.Spread(hosts, stateDir), null, Console.WriteLine, ct);
try
{
    var subnet = (await bed.SubnetsAsync(ct)).First(s => s.Type == NetworkType.Internal);
    var pair = new[] { LabSpec.InstanceName(1), LabSpec.InstanceName(2) };
    var vip = await bed.Api.CreateHaVipAsync(new CreateHaVipRequest("bench", NetworkType.Internal, subnet.Id,
        InstanceIds: pair.Select(bed.InstanceId).ToArray()), ct);
    if (changes > 0)
    {
        var hostNames = Enumerable.Range(1, hosts).Select(LabSpec.HostName).ToArray();
        // Warm-up: the first changes run untiered code in every process.
        await Propagation.RunAsync(bed, vip, hosts, warmUp, ct);
        var before = await PropagationCost.ApplySecondsAsync(bed, hostNames, ct);
        var samples = await Propagation.RunAsync(bed, vip, hosts, changes, ct);
        var after = await PropagationCost.ApplySecondsAsync(bed, hostNames, ct);
        Console.WriteLine(Stats.Summary($"propagation (bind change → available, {hosts} hosts)", samples));
        var query = await PropagationCost.DesiredStateMillisecondsAsync(bed, LabSpec.HostName(1), 20, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  agent apply (devices + nft) per host per change: {1000 * (after.Sum - before.Sum) / Math.Max(1, after.Count - before.Count):0.0} ms; desired-state answer for one host: {query:0.0} ms"));
    }
    // Back to the first pair for VRRP.
    await Propagation.BindAsync(bed, vip, pair.Select(bed.InstanceId).ToArray(), ct);
    if (failovers > 0)
    {
        await HolderLearning.MeasureAsync(bed, vip, pair, failovers, "holder learning (GARP seen → API master)", ct);
    }
    if (findings > 0)
    {
        var (split, noMaster) = await FindingLatency.RunAsync(bed, vip, pair, findings, ct);
        Console.WriteLine(Stats.Summary("time to SplitBrain (second master's first advert → API), target 3.609 s + 100 ms", split));
        Console.WriteLine(Stats.Summary("time to NoMaster (dead master's last advert → API), target 3.414 s + 100 ms", noMaster));
    }
    if (faults > 0)
    {
        await CompareAsync(bed, vip, subnet, pair, faults, Path.Combine(stateDir, "plain"), ct);
    }
    if (ipv6 > 0)
    {
        await Ipv6Comparison.RunAsync(bed, vip, subnet, pair, ipv6, ct);
    }
}
finally
{
    await SplitBrainBench.CloseAsync(bed, stateDir);
}

static async Task CompareAsync(TestBed bed, HaVipDto vip, SubnetDto subnet, string[] pair, int faults, string plainDir, CancellationToken ct)
{
    var configs = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var instance in pair)
    {
        configs[instance] = KeepalivedV3.From(await bed.Api.KeepalivedAsync(vip.Id, bed.InstanceId(instance), ct));
        await bed.StartVrrpAsync(instance, vip.Id, configs[instance], ct);
    }
    var instances = (await bed.Api.ListInstancesAsync(null, null, PageRequest.None, ct)).Items;
    var nics = pair.Append(LabSpec.ClientName).ToDictionary(n => n, n => instances.Single(i => i.Name == n).Nics.Single(x => x.SubnetId == subnet.Id), StringComparer.Ordinal);
    var prefixLength = int.Parse(subnet.Cidr.Split('/')[1], CultureInfo.InvariantCulture);
    await using var plain = await PlainBridge.UpAsync(vip.IpAddress, prefixLength, nics, configs, plainDir, ct);
    try
    {
        IVrrpSetup[] setups = [new LabVrrpSetup(bed, vip.IpAddress, pair), new PlainBridgeSetup(plain)];
        var samples = await ClientFailover.RunAsync(setups, IPAddress.Parse(vip.IpAddress), faults, ct);
        Console.WriteLine($"client-observed failover, keepalived pair, VRRPv3 advert_int 0.1, {faults} faults each, interleaved");
        foreach (var (name, list) in samples)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: median {Stats.Median(list):0.000} s, max {list.Max().TotalSeconds:0.000} s"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio of medians HaVip / plain: {Stats.Median(samples[setups[0].Name]) / Stats.Median(samples[setups[1].Name]):0.00}"));
    }
    finally
    {
        foreach (var instance in pair)
        {
            await bed.StopVrrpAsync(instance);
        }
    }
}
