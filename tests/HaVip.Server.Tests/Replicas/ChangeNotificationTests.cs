using System.Diagnostics;
using System.Net.Http.Json;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Replicas;

[Collection(nameof(ReplicaCollection))]
public sealed class ChangeNotificationTests
{
    [Fact]
    public async Task ChangeThroughReplicaA_WakesAgentLongPollingReplicaB_AtOnce()
    {
        await using var cluster = await ReplicaCluster.StartAsync();
        var (subnet, _) = await cluster.InventoryAsync(0);
        using var a = cluster.Replicas[0].Client();
        using var b = cluster.Replicas[1].Client().WithKey(await TestKeys.AgentKeyAsync(a, "hv-notify"));
        b.Timeout = TimeSpan.FromSeconds(60);
        (await b.PutAsJsonAsync("/agent/v1/hosts/hv-notify", new RegisterHostRequest("192.0.2.10"), ApiClient.Json)).EnsureSuccessStatusCode();
        var before = (await b.GetFromJsonAsync<DesiredStateDto>("/agent/v1/hosts/hv-notify/desired-state", ApiClient.Json))!;

        var poll = b.GetFromJsonAsync<DesiredStateDto>($"/agent/v1/hosts/hv-notify/desired-state?after={before.Sequence}&wait=30", ApiClient.Json);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        poll.IsCompleted.Should().BeFalse("nothing changed yet: the long-poll waits");
        var clock = Stopwatch.StartNew();
        await new ApiClient(a).InstanceAsync(subnet.VpcId, subnet.Id, host: "hv-notify");
        var after = (await poll)!;
        var woke = clock.Elapsed;

        after.Sequence.Should().BeGreaterThan(before.Sequence);
        after.Ports.Should().ContainSingle("the new instance's port is this host's to plug in");
        woke.Should().BeLessThan(TimeSpan.FromSeconds(2), "LISTEN/NOTIFY wakes the other replica at once");
    }
}
