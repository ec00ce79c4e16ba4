using System.Net;
using HaVip.Contracts.Api;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Three subnets over a few hosts and one random change at a time through the API: what moves
/// hosts' desired states (an IPv6 prefix given to a subnet among them: its NICs change with no host's scope). A change the API refuses (a quota, an address taken) is a change that
/// did not happen; the next one is drawn.
/// </summary>
internal sealed class RandomWorld(AgentWorld world, IReadOnlyList<string> hosts, Random random, string vpcId, IReadOnlyList<SubnetDto> subnets)
{
    private readonly List<(string Id, string SubnetId)> _instances = [];
    private readonly List<(string Id, string SubnetId)> _vips = [];
    private readonly HashSet<string> _dual = [];
    private int _underlay = 100;

    public static async Task<RandomWorld> StartAsync(AgentWorld world, IReadOnlyList<string> hosts, Random random)
    {
        for (var i = 0; i < hosts.Count; i++)
        {
            await world.RegisterAsync(hosts[i], $"10.255.0.{11 + i}");
        }
        var vpc = await world.Api.VpcAsync();
        var subnets = new List<SubnetDto>();
        for (var i = 1; i <= 3; i++)
        {
            subnets.Add(await world.Api.SubnetAsync(vpc.Id, $"10.0.{i}.0/24"));
        }
        var created = new RandomWorld(world, hosts, random, vpc.Id, subnets);
        for (var i = 0; i < 6; i++)
        {
            await created.PlaceAsync();
        }
        return created;
    }

    /// <summary>Makes one random change; returns what it did.</summary>
    public async Task<string> ChangeAsync()
    {
        while (true)
        {
            var done = random.Next(8) switch
            {
                0 => await PlaceAsync(),
                1 => await MoveAsync(),
                2 => await RemoveInstanceAsync(),
                3 => await CreateVipAsync(),
                4 => await RebindAsync(),
                5 => await DeleteVipAsync(),
                6 => await AddIpv6Async(),
                _ => await ReregisterAsync(),
            };
            if (done is not null)
            {
                return done;
            }
        }
    }

    private ApiClient Api => world.Api;

    private async Task<string?> PlaceAsync()
    {
        var subnet = subnets[random.Next(subnets.Count)];
        var instance = await Api.InstanceAsync(vpcId, subnet.Id, host: hosts[random.Next(hosts.Count)]);
        _instances.Add((instance.Id, subnet.Id));
        return $"placed {instance.Id} on {instance.Host} in {subnet.Id}";
    }

    private async Task<string?> MoveAsync()
    {
        if (_instances.Count == 0)
        {
            return null;
        }
        var (id, _) = _instances[random.Next(_instances.Count)];
        // One time in four the instance leaves every host.
        var host = random.Next(4) == 0 ? "" : hosts[random.Next(hosts.Count)];
        (await Api.PatchAsync($"/v1/instances/{id}", new UpdateInstanceRequest(Host: host))).EnsureSuccessStatusCode();
        return $"moved {id} to '{host}'";
    }

    private async Task<string?> RemoveInstanceAsync()
    {
        if (_instances.Count == 0)
        {
            return null;
        }
        var index = random.Next(_instances.Count);
        var (id, _) = _instances[index];
        (await Api.Http.DeleteAsync($"/v1/instances/{id}")).EnsureSuccessStatusCode();
        _instances.RemoveAt(index);
        return $"removed {id}";
    }

    private async Task<string?> CreateVipAsync()
    {
        var subnet = subnets[random.Next(subnets.Count)];
        var response = await Api.PostAsync("/v1/havips", new CreateHaVipRequest("vip", subnet.Type, subnet.Id, InstanceIds: Pick(subnet.Id)));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var vip = await Api.ReadAsync<HaVipDto>(response, HttpStatusCode.Created);
        _vips.Add((vip.Id, subnet.Id));
        return $"created {vip.Id} in {subnet.Id} bound to [{string.Join(", ", vip.InstanceIds)}]";
    }

    private async Task<string?> RebindAsync()
    {
        if (_vips.Count == 0)
        {
            return null;
        }
        var (id, subnetId) = _vips[random.Next(_vips.Count)];
        var instances = Pick(subnetId);
        var response = await Api.PutAsync($"/v1/havips/{id}/instances", new ReplaceInstancesRequest(instances));
        return response.IsSuccessStatusCode ? $"bound {id} to [{string.Join(", ", instances)}]" : null;
    }

    private async Task<string?> DeleteVipAsync()
    {
        if (_vips.Count == 0)
        {
            return null;
        }
        var index = random.Next(_vips.Count);
        var (id, _) = _vips[index];
        // A bound HAVIP is refused (409): that change did not happen.
        if (!(await Api.Http.DeleteAsync($"/v1/havips/{id}")).IsSuccessStatusCode)
        {
            return null;
        }
        _vips.RemoveAt(index);
        return $"deleted {id}";
    }

    /// <summary>Gives a subnet its IPv6 prefix: its NICs get addresses in a change to the subnet alone, no host's.</summary>
    private async Task<string?> AddIpv6Async()
    {
        var index = random.Next(subnets.Count);
        var subnet = subnets[index];
        if (!_dual.Add(subnet.Id))
        {
            return null;
        }
        var prefix = $"fd00:0:{index + 1}::/64";
        (await Api.PatchAsync($"/v1/subnets/{subnet.Id}", new UpdateSubnetRequest(prefix))).EnsureSuccessStatusCode();
        return $"gave {subnet.Id} the IPv6 prefix {prefix}";
    }

    private async Task<string?> ReregisterAsync()
    {
        var host = hosts[random.Next(hosts.Count)];
        var underlay = $"10.255.1.{_underlay++}";
        await world.RegisterAsync(host, underlay);
        return $"re-registered {host} at {underlay}";
    }

    /// <summary>Up to two of the subnet's instances.</summary>
    private string[] Pick(string subnetId) =>
        [.. _instances.Where(i => i.SubnetId == subnetId).Select(i => i.Id).OrderBy(_ => random.Next()).Take(random.Next(3))];
}
