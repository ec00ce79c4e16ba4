using System.Diagnostics;
using System.Net.Http.Json;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Storage;
using Npgsql;

namespace HaVip.Server.Tests.Replicas;

[Collection(nameof(ReplicaCollection))]
public sealed class ChangeNotificationTests
{
    /// <summary>
    /// The replicas' change-feed re-read is put beyond the poll's 30 s, so only the notification
    /// can answer the poll with the change: a lost or late NOTIFY fails it (an answer without
    /// the change, or one after the bound), whatever the machine's load.
    /// </summary>
    [Fact]
    public async Task ChangeThroughReplicaA_WakesAgentLongPollingReplicaB_AtOnce()
    {
        await using var cluster = await ReplicaCluster.StartAsync("--HaVip:ChangeFeedRecheck=00:05:00");
        var (subnet, _) = await cluster.InventoryAsync(0);
        using var a = cluster.Replicas[0].Client();
        using var b = cluster.Replicas[1].Client().WithKey(await TestKeys.AgentKeyAsync(a, "hv-notify"));
        b.Timeout = TimeSpan.FromSeconds(60);
        (await b.PutAsJsonAsync("/agent/v1/hosts/hv-notify", new RegisterHostRequest("192.0.2.10"), ApiClient.Json)).EnsureSuccessStatusCode();
        var before = (await b.GetFromJsonAsync<DesiredStateDto>("/agent/v1/hosts/hv-notify/desired-state", ApiClient.Json))!;

        var poll = b.GetFromJsonAsync<DesiredStateDto>($"/agent/v1/hosts/hv-notify/desired-state?after={before.Sequence}&wait=30", ApiClient.Json);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        poll.IsCompleted.Should().BeFalse("nothing changed yet: the long-poll waits");
        await new ApiClient(a).InstanceAsync(subnet.VpcId, subnet.Id, host: "hv-notify");
        // From A's answer: the change committed before it; the API call's own time is not the notification's.
        var clock = Stopwatch.StartNew();
        var after = (await poll)!;
        var woke = clock.Elapsed;

        after.Sequence.Should().BeGreaterThan(before.Sequence, "the notification, not the poll's 30 s running out, answered it");
        after.Ports.Should().ContainSingle("the new instance's port is this host's to plug in");
        // The notification arrives within milliseconds; the rest is B building the answer, up to 0.6 s measured at load 45.
        woke.Should().BeLessThan(TimeSpan.FromSeconds(5), "LISTEN/NOTIFY wakes the other replica at once, long before the poll's 30 s");
    }

    [Fact]
    public async Task HostReports_CommitWithoutNotifyingReplicas_WhileApiChangesDo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ReplicaCluster.StartAsync();
        var (subnet, _) = await cluster.InventoryAsync(0);
        using var a = cluster.Replicas[0].Client();
        var api = new ApiClient(a);
        using var agent = cluster.Replicas[0].Client().WithKey(await TestKeys.AgentKeyAsync(a, "hv-quiet"));
        (await agent.PutAsJsonAsync("/agent/v1/hosts/hv-quiet", new RegisterHostRequest("192.0.2.11"), ApiClient.Json, ct)).EnsureSuccessStatusCode();
        var instance = await api.InstanceAsync(subnet.VpcId, subnet.Id, host: "hv-quiet");
        var vip = await api.HaVipAsync(subnet, instanceIds: [instance.Id]);
        var state = (await agent.GetFromJsonAsync<DesiredStateDto>("/agent/v1/hosts/hv-quiet/desired-state", ApiClient.Json, ct))!;
        // Let the commits above (and their audit entries) be delivered before listening.
        await Task.Delay(1000, ct);

        var heard = 0;
        await using var listener = new NpgsqlConnection(cluster.ConnectionString);
        await listener.OpenAsync(ct);
        listener.Notification += (_, _) => Interlocked.Increment(ref heard);
        await using (var listen = new NpgsqlCommand($"LISTEN {StorageServiceCollectionExtensions.ChangeChannel}", listener))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        // Reports commit (the ack makes the HAVIP available) but change no host's desired state.
        (await agent.PostAsJsonAsync("/agent/v1/hosts/hv-quiet/applied", new AppliedReport(state.Sequence, null), ApiClient.Json, ct)).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync("/agent/v1/spoof-attempts", new SpoofReport(vip.Id, instance.Id, "02:00:00:00:00:01", DateTime.UtcNow, 1), ApiClient.Json, ct)).EnsureSuccessStatusCode();
        (await api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).Status.Should().Be(HaVipState.Available, "the ack committed");
        await listener.WaitAsync(TimeSpan.FromSeconds(1), ct);
        heard.Should().Be(0, "hosts' reports and their audit trail change no desired state: other replicas' long-polls stay asleep");

        (await a.PatchAsJsonAsync($"/v1/havips/{vip.Id}", new { name = "renamed" }, ApiClient.Json, ct)).EnsureSuccessStatusCode();
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref heard) == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(200), ct);
        }
        heard.Should().BeGreaterThan(0, "an API change is announced to every replica");
    }
}
