using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// What the hosts' answers share (<see cref="DesiredStateCache"/>): the hosts a change wakes read
/// its subnet once between them, and a poll reads its host's subnets again only after a change to
/// that host. Runs on SQLite, and on PostgreSQL when HAVIP_TEST_POSTGRES is set.
/// </summary>
public sealed class DesiredStateCacheTests : IAsyncDisposable
{
    private static readonly string[] Hosts = ["hv1", "hv2", "hv3", "hv4"];
    // Before the server: its contexts then report every command from their first on (CommandCounter).
    private readonly CommandCounter _commands = new();
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public DesiredStateCacheTests() => _world = new AgentWorld(_app);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _commands.Dispose();
    }

    private DesiredStateCache Cache => _app.Services.GetRequiredService<DesiredStateCache>();

    [Fact]
    public async Task ChangeToASubnet_WakesItsHosts_WhichReadTheSubnetOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (subnet, instances) = await OneSubnetOnEveryHostAsync();
        var vip = await _world.Api.HaVipAsync(subnet, instanceIds: [instances[0].Id, instances[1].Id]);
        // Else a poll could be woken by the HAVIP's creation, read late, rather than by the change.
        await FeedReadLatestAsync();
        var held = new Dictionary<string, long>();
        foreach (var host in Hosts)
        {
            held[host] = (await _world.DesiredAsync(host)).Sequence;
        }
        var polls = new Dictionary<string, Task<HttpResponseMessage>>();
        foreach (var host in Hosts)
        {
            polls[host] = (await _world.AgentAsync(host)).Http.GetAsync($"/agent/v1/hosts/{host}/desired-state?after={held[host]}&wait=30&delta=true", ct);
        }
        var slots = _app.Services.GetRequiredService<LongPollSlots>();
        await Eventually.GetAsync(() => Task.FromResult(slots.Waiting), waiting => waiting == Hosts.Length, TimeSpan.FromSeconds(20), $"{Hosts.Length} long-polls waiting");
        var before = Cache.Subnets.Reads;

        (await _world.Api.PutAsync($"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest([instances[2].Id, instances[3].Id])))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var (host, poll) in polls)
        {
            var answer = await _world.Api.ReadAsync<DesiredStateDto>(await poll);
            answer.ReplacedSubnets.Should().Equal([subnet.Id], $"{host} is woken with a delta of the changed subnet");
            answer.HaVips.Single().InstanceIds.Should().BeEquivalentTo([instances[2].Id, instances[3].Id], $"{host} sees the new binding");
        }
        (Cache.Subnets.Reads - before).Should().Be(1, $"the {Hosts.Length} hosts the change woke share one read of its subnet");
    }

    [Fact]
    public async Task PollsScopes_AreReadAgainOnlyAfterAChangeToTheirHost()
    {
        var (subnet, _) = await OneSubnetOnEveryHostAsync();
        // Read after the feed caught up, the hosts' subnets hold for every poll until a change.
        await FeedReadLatestAsync();
        var held = new Dictionary<string, long>();
        foreach (var host in Hosts)
        {
            held[host] = (await _world.DesiredAsync(host)).Sequence;
        }
        var before = Cache.Hosts.Reads;
        foreach (var host in Hosts)
        {
            await PollAsync(host, held[host]);
            await PollAsync(host, held[host]);
        }
        Cache.Hosts.Reads.Should().Be(before, "nothing changed on any host since their subnets were read");

        // A change to hv1 (an instance placed on it) and to the subnet, which every host carries.
        await _world.Api.InstanceAsync(subnet.VpcId, subnet.Id, host: "hv1", name: "more");
        var latest = await FeedReadLatestAsync();
        foreach (var host in Hosts)
        {
            await PollAsync(host, latest);
        }
        (Cache.Hosts.Reads - before).Should().Be(1, "only hv1's subnets are read again: only hv1 changed");
    }

    /// <summary>
    /// What a change costs every replica once: the read of its subnet's entries, shared by the hosts
    /// it wakes. Four commands: the subnet; its NICs with their instances' hosts and underlays (the
    /// tunnels, the ports and the bound instances' advert sources alike); its HAVIPs with their
    /// bindings joined in; the advert intervals observed of the bound instances.
    /// </summary>
    [Fact]
    public async Task ReadOfAChangedSubnet_TakesFourCommands_AndShowsTheChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var (subnet, instances) = await OneSubnetOnEveryHostAsync();
        var vip = await _world.Api.HaVipAsync(subnet, instanceIds: [instances[0].Id, instances[1].Id]);
        var sequence = await FeedReadLatestAsync();
        await _app.ScopedAsync(sp => sp.GetRequiredService<DesiredStateQuery>().BuildAsync("hv3", sequence, ct));
        (await _world.Api.PutAsync($"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest([instances[2].Id, instances[3].Id])))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        sequence = await FeedReadLatestAsync();
        var (hostReads, subnetReads) = (Cache.Hosts.Reads, Cache.Subnets.Reads);

        var state = await _commands.CountAsync(() => _app.ScopedAsync(sp => sp.GetRequiredService<DesiredStateQuery>().BuildAsync("hv3", sequence, ct)));

        (Cache.Hosts.Reads - hostReads, Cache.Subnets.Reads - subnetReads).Should().Be((0L, 1L), "hv3's subnets were kept; its one subnet changed");
        _commands.Commands.Should().HaveCount(4, $"one read of a subnet's entries; it ran:{Environment.NewLine}{string.Join(Environment.NewLine + "--" + Environment.NewLine, _commands.Commands)}");
        state.HaVips.Single().InstanceIds.Should().BeEquivalentTo([instances[2].Id, instances[3].Id]);
        state.Subnets.Single().RemoteUnderlayIps.Should().BeEquivalentTo(["10.255.0.11", "10.255.0.12", "10.255.0.14"], "hv3 tunnels to the subnet's other hosts");
        state.Ports.Single().AllowedIps.Should().BeEquivalentTo([instances[2].Nics.Single().IpAddress, vip.IpAddress], "hv3's instance is bound: it may send from the VIP");
    }

    [Fact]
    public async Task CompleteState_AfterACommitToItsSubnet_ShowsTheCommit()
    {
        var (subnet, instances) = await OneSubnetOnEveryHostAsync();
        var vip = await _world.Api.HaVipAsync(subnet, instanceIds: [instances[0].Id]);
        // Read after the feed caught up, the subnet's entries are kept (an answer numbered past the feed is never served from them).
        await FeedReadLatestAsync();
        (await _world.DesiredAsync("hv2")).HaVips.Single().InstanceIds.Should().Equal([instances[0].Id]);

        (await _world.Api.PutAsync($"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest([instances[1].Id])))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await FeedReadLatestAsync();

        (await _world.DesiredAsync("hv2")).HaVips.Single().InstanceIds.Should().Equal([instances[1].Id],
            "the subnet's entries kept before the commit are not served after it");
    }

    private Task<(SubnetDto Subnet, InstanceDto[] Instances)> OneSubnetOnEveryHostAsync() => _world.OneSubnetOnEveryHostAsync(Hosts);

    private async Task PollAsync(string host, long after) =>
        await (await _world.AgentAsync(host)).GetAsync<DesiredStateDto>($"/agent/v1/hosts/{host}/desired-state?after={after}&wait=0&delta=true");

    /// <summary>The latest change, once this server's feed has read it.</summary>
    private async Task<long> FeedReadLatestAsync()
    {
        var latest = await _app.ScopedAsync(sp => sp.GetRequiredService<DesiredStateQuery>().SequenceAsync(TestContext.Current.CancellationToken));
        var feed = _app.Services.GetRequiredService<DesiredStateFeed>();
        await Eventually.GetAsync(() => Task.FromResult(feed.Seen), seen => seen >= latest, TimeSpan.FromSeconds(10), $"the feed reading change {latest}");
        return latest;
    }
}
