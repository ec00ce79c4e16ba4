using System.Net;
using HaVip.Contracts.Agents;

namespace HaVip.Server.Tests.Replicas;

/// <summary>Hosts live in the database: any replica serves any agent, whichever replica it registered through.</summary>
[Collection(nameof(ReplicaCollection))]
public sealed class HostsAcrossReplicasTests
{
    [Fact]
    public async Task AgentsRegisteredThroughDifferentReplicas_GetIdenticalCompleteStatesFromEither()
    {
        await using var cluster = await ReplicaCluster.StartAsync();
        var (hv1, hv2) = await TwoHostsAsync(cluster);

        var fromEach = new List<DesiredStateDto>();
        foreach (var (host, agents) in new[] { ("hv1", hv1), ("hv2", hv2) })
        {
            foreach (var agent in agents)
            {
                fromEach.Add(await agent.GetAsync<DesiredStateDto>($"/agent/v1/hosts/{host}/desired-state") with { TraceParents = null });
            }
        }

        fromEach[0].Should().BeEquivalentTo(fromEach[1], "hv1's state is the same from either replica");
        fromEach[2].Should().BeEquivalentTo(fromEach[3], "hv2's state is the same from either replica");
        fromEach[0].Subnets.Should().ContainSingle().Which.RemoteUnderlayIps.Should().Equal(["10.255.0.12"], "hv2 registered through the other replica");
        fromEach[2].Subnets.Should().ContainSingle().Which.RemoteUnderlayIps.Should().Equal(["10.255.0.11"], "hv1 registered through the other replica");
    }

    [Fact]
    public async Task AgentAlternatingBetweenReplicas_IsNeverToldUnknownHost()
    {
        await using var cluster = await ReplicaCluster.StartAsync();
        var (hv1, _) = await TwoHostsAsync(cluster);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            var response = await hv1[i % 2].Http.GetAsync("/agent/v1/hosts/hv1/desired-state", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        statuses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK), "hv1 registered once, through replica 0");
    }

    /// <summary>hv1 registers through replica 0, hv2 through replica 1; an instance of each in one subnet. Each host's agent on both replicas.</summary>
    private static async Task<(ApiClient[] Hv1, ApiClient[] Hv2)> TwoHostsAsync(ReplicaCluster cluster)
    {
        var (subnet, _) = await cluster.InventoryAsync(0);
        using var admin = cluster.Replicas[0].Client();
        var api = new ApiClient(cluster.Replicas[0].Client());
        await api.InstanceAsync(subnet.VpcId, subnet.Id, host: "hv1", name: "a");
        await api.InstanceAsync(subnet.VpcId, subnet.Id, host: "hv2", name: "b");
        var keys = new[] { await TestKeys.AgentKeyAsync(admin, "hv1"), await TestKeys.AgentKeyAsync(admin, "hv2") };
        var agents = keys.Select(k => cluster.Replicas.Select(r => new ApiClient(r.Client().WithKey(k))).ToArray()).ToArray();
        (await agents[0][0].PutAsync("/agent/v1/hosts/hv1", new RegisterHostRequest("10.255.0.11"))).EnsureSuccessStatusCode();
        (await agents[1][1].PutAsync("/agent/v1/hosts/hv2", new RegisterHostRequest("10.255.0.12"))).EnsureSuccessStatusCode();
        return (agents[0], agents[1]);
    }
}
