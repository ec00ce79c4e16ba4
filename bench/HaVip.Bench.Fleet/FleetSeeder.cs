using System.Globalization;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Bench.Fleet;

/// <summary>
/// Builds the fleet through the public API before any agent registers (<c>--api-seed</c>; the
/// bench seeds straight into the database by default, <see cref="DirectSeeder"/>, which gives the
/// same): one agent key per host, one VPC, the subnets, the instances placed on their hosts, the
/// HAVIPs bound. Each HAVIP waits for the hosts of its subnet, which no agent acknowledges yet, and
/// fails at the apply deadline naming them; the first start's acks settle them (each host's first
/// ack every HAVIP of its subnets). The names and addresses here are both seeders'.
/// </summary>
internal static class FleetSeeder
{
    private const int Parallelism = 8;

    public static async Task<(SimHost[] Hosts, SeededSubnet[] Subnets)> SeedAsync(HaVipApiClient admin, FleetOptions options, CancellationToken ct)
    {
        var hosts = new SimHost[options.Hosts];
        await ForEachAsync(options.Hosts, async i =>
        {
            var name = HostName(i);
            var key = await admin.CreateKeyAsync(new CreateApiKeyRequest(KeyName(name), Role: KeyRole.Agent, Host: name), ct);
            hosts[i] = Host(i, key.Secret);
        }, ct);
        var vpc = await admin.CreateVpcAsync(new CreateVpcRequest("fleet", "10.0.0.0/8"), ct);
        var placement = Placement.Deal(options);
        var subnets = new SeededSubnet[options.Subnets];
        await ForEachAsync(options.Subnets, async s =>
        {
            var subnet = await admin.CreateSubnetAsync(new CreateSubnetRequest(vpc.Id, SubnetName(s), SubnetCidr(s), NetworkType.Internal), ct);
            var instances = new List<string>();
            foreach (var (host, n) in placement[s].Select((h, n) => (h, n)))
            {
                var instance = await admin.CreateInstanceAsync(new CreateInstanceRequest(InstanceName(s, n), vpc.Id, [new CreateNicRequest(subnet.Id)], hosts[host].Name), ct);
                instances.Add(instance.Id);
            }
            var haVips = new List<string>();
            for (var k = 0; k < options.HaVipsPerSubnet; k++)
            {
                var (first, second) = Placement.Bound(options, k);
                var vip = await admin.CreateHaVipAsync(new CreateHaVipRequest(HaVipName(s, k), NetworkType.Internal, subnet.Id, InstanceIds: [instances[first], instances[second]]), ct);
                haVips.Add(vip.Id);
            }
            subnets[s] = new SeededSubnet(subnet.Id, instances, placement[s].ToHashSet(), haVips, instances[Placement.Extra(options)]);
        }, ct);
        Describe(hosts, subnets);
        return (hosts, subnets);
    }

    public static string HostName(int index) => string.Create(CultureInfo.InvariantCulture, $"hv{index:D4}");

    /// <summary>Host <paramref name="index"/> with its agent key and the underlay address it registers.</summary>
    public static SimHost Host(int index, string key) => new(index, HostName(index), key, string.Create(CultureInfo.InvariantCulture, $"172.16.{index / 250}.{(index % 250) + 1}"));

    public static string KeyName(string host) => $"agent {host}";

    public static string SubnetName(int subnet) => string.Create(CultureInfo.InvariantCulture, $"s{subnet}");

    public static string SubnetCidr(int subnet) => string.Create(CultureInfo.InvariantCulture, $"10.{subnet / 256}.{subnet % 256}.0/24");

    public static string InstanceName(int subnet, int n) => string.Create(CultureInfo.InvariantCulture, $"s{subnet}-i{n}");

    public static string HaVipName(int subnet, int k) => string.Create(CultureInfo.InvariantCulture, $"s{subnet}-v{k}");

    public static void Describe(SimHost[] hosts, SeededSubnet[] subnets) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"seeded {hosts.Length} hosts, {subnets.Length} subnets spanning {subnets.Average(s => s.Hosts.Count):F1} hosts on average, {subnets.Sum(s => s.InstanceIds.Count)} instances, {subnets.Sum(s => s.HaVipIds.Count)} HAVIPs"));

    private static Task ForEachAsync(int count, Func<int, Task> body, CancellationToken ct) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (i, _) => await body(i));
}
