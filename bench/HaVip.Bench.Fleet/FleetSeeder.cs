using System.Globalization;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Bench.Fleet;

/// <summary>
/// Builds the fleet through the public API before any agent registers: one agent key per host,
/// one VPC, the subnets, the instances placed on their hosts, the HAVIPs bound. Each HAVIP waits
/// for the hosts of its subnet, which no agent acknowledges yet, and fails at the apply deadline
/// naming them; the first start's acks settle them (each host's first ack every HAVIP of its subnets).
/// </summary>
internal static class FleetSeeder
{
    private const int Parallelism = 8;

    public static async Task<(SimHost[] Hosts, SeededSubnet[] Subnets)> SeedAsync(HaVipApiClient admin, FleetOptions options, CancellationToken ct)
    {
        var hosts = new SimHost[options.Hosts];
        await ForEachAsync(options.Hosts, async i =>
        {
            var name = $"hv{i:D4}";
            var key = await admin.CreateKeyAsync(new CreateApiKeyRequest($"agent {name}", Role: KeyRole.Agent, Host: name), ct);
            hosts[i] = new SimHost(i, name, key.Secret, $"172.16.{i / 250}.{(i % 250) + 1}");
        }, ct);
        var vpc = await admin.CreateVpcAsync(new CreateVpcRequest("fleet", "10.0.0.0/8"), ct);
        var placement = Placement.Deal(options);
        var subnets = new SeededSubnet[options.Subnets];
        await ForEachAsync(options.Subnets, async s =>
        {
            var subnet = await admin.CreateSubnetAsync(new CreateSubnetRequest(vpc.Id, $"s{s}", $"10.{s / 256}.{s % 256}.0/24", NetworkType.Internal), ct);
            var instances = new List<string>();
            foreach (var (host, n) in placement[s].Select((h, n) => (h, n)))
            {
                var instance = await admin.CreateInstanceAsync(new CreateInstanceRequest($"s{s}-i{n}", vpc.Id, [new CreateNicRequest(subnet.Id)], hosts[host].Name), ct);
                instances.Add(instance.Id);
            }
            var haVips = new List<string>();
            for (var k = 0; k < options.HaVipsPerSubnet; k++)
            {
                var (first, second) = Placement.Bound(options, k);
                var vip = await admin.CreateHaVipAsync(new CreateHaVipRequest($"s{s}-v{k}", NetworkType.Internal, subnet.Id, InstanceIds: [instances[first], instances[second]]), ct);
                haVips.Add(vip.Id);
            }
            subnets[s] = new SeededSubnet(subnet.Id, instances, placement[s].ToHashSet(), haVips, instances[Placement.Extra(options)]);
        }, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {hosts.Length} hosts, {subnets.Length} subnets spanning {subnets.Average(s => s.Hosts.Count):F1} hosts on average, {subnets.Sum(s => s.InstanceIds.Count)} instances, {subnets.Sum(s => s.HaVipIds.Count)} HAVIPs"));
        return (hosts, subnets);
    }

    private static Task ForEachAsync(int count, Func<int, Task> body, CancellationToken ct) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (i, _) => await body(i));
}
