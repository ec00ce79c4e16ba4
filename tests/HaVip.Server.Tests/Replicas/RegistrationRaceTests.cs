using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HaVip.Contracts.Agents;

namespace HaVip.Server.Tests.Replicas;

/// <summary>
/// A host's first registration takes a change number (its subnets' other hosts must tunnel to it).
/// Agents registering through two replicas at once race for that number; a registration must
/// not fail because another replica wrote meanwhile.
/// </summary>
[Collection(nameof(ReplicaCollection))]
public sealed class RegistrationRaceTests
{
    private const int Hosts = 120;

    [Fact]
    public async Task RegistrationsThroughBothReplicasAtOnce_NoneAnswered5xx_AndEveryHostIsInEveryTunnelList()
    {
        await using var cluster = await ReplicaCluster.StartAsync($"--Auth:MaxKeysPerAccount={Hosts + 10}");
        var (subnet, _) = await cluster.InventoryAsync(0);
        using var admin = cluster.Replicas[0].Client();
        var api = new ApiClient(admin);
        var names = Enumerable.Range(0, Hosts).Select(i => $"hv{i:000}").ToArray();
        var keys = new string[Hosts];
        // One instance on each host, all in one subnet: every first registration is a change to it.
        await Parallel.ForAsync(0, Hosts, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (i, _) =>
        {
            await api.InstanceAsync(subnet.VpcId, subnet.Id, host: names[i], name: names[i]);
            keys[i] = await TestKeys.AgentKeyAsync(admin, names[i]);
        });
        // Without a key of their own: each request carries its host's. A minute, not 10 s: on the build before, a registration could retry for a while before its 503.
        using var replica0 = new HttpClient { BaseAddress = cluster.Replicas[0].Address, Timeout = TimeSpan.FromMinutes(1) };
        using var replica1 = new HttpClient { BaseAddress = cluster.Replicas[1].Address, Timeout = TimeSpan.FromMinutes(1) };
        HttpClient[] replicas = [replica0, replica1];

        // Host i through replica i mod 2, every one at once: both replicas' writes queue and race for the change number.
        var first = await Task.WhenAll(Enumerable.Range(0, Hosts).Select(i => RegisterAsync(replicas[i % 2], names[i], keys[i], Underlay(i))));
        // Again through the other replica, as agents that moved: changes nothing.
        var again = await Task.WhenAll(Enumerable.Range(0, Hosts).Select(i => RegisterAsync(replicas[(i + 1) % 2], names[i], keys[i], Underlay(i))));

        first.Concat(again).Where(r => r.Status != HttpStatusCode.NoContent).Select(r => $"{r.Host}: {(int)r.Status} {r.Body}")
            .Should().BeEmpty("a registration is idempotent and must not fail because another replica wrote meanwhile");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/agent/v1/hosts/{names[0]}/desired-state");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", keys[0]);
        using var response = await replica1.SendAsync(request, TestContext.Current.CancellationToken);
        var state = await response.Content.ReadFromJsonAsync<DesiredStateDto>(ApiClient.Json, TestContext.Current.CancellationToken);
        state!.Subnets.Should().ContainSingle().Which.RemoteUnderlayIps.Should().BeEquivalentTo(Enumerable.Range(1, Hosts - 1).Select(Underlay),
            "every registration committed, through either replica");
    }

    private static string Underlay(int i) => $"10.255.{i / 200}.{(i % 200) + 1}";

    private static async Task<(string Host, HttpStatusCode Status, string Body)> RegisterAsync(HttpClient replica, string host, string key, string underlay)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/agent/v1/hosts/{host}") { Content = JsonContent.Create(new RegisterHostRequest(underlay), options: ApiClient.Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await replica.SendAsync(request, TestContext.Current.CancellationToken);
        return (host, response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
