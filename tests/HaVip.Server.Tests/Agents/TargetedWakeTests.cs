using System.Collections.Concurrent;
using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// A change wakes only the hosts whose desired state it changes: each host long-polls in a loop
/// and the test counts its answers. Runs on SQLite, and on PostgreSQL when HAVIP_TEST_POSTGRES is set.
/// </summary>
public sealed class TargetedWakeTests : IAsyncDisposable
{
    // Longer than the whole test (and under HttpClient's 100 s timeout): an answer counted here is a wake-up, never a wait running out.
    private const int WaitSeconds = 50;
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public TargetedWakeTests() => _world = new AgentWorld(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ChangeToOneSubnet_AnswersItsHostsOnly_OthersKeepWaiting()
    {
        var ct = TestContext.Current.CancellationToken;
        var hosts = new[] { "hv1", "hv2", "hv3", "hv4" };
        for (var i = 0; i < hosts.Length; i++)
        {
            await _world.RegisterAsync(hosts[i], $"10.255.0.{11 + i}");
        }
        var api = _world.Api;
        var vpc = await api.VpcAsync();
        var x = await api.SubnetAsync(vpc.Id, "10.0.1.0/24");
        var y = await api.SubnetAsync(vpc.Id, "10.0.2.0/24");
        var x1 = await api.InstanceAsync(vpc.Id, x.Id, host: "hv1", name: "x1");
        await api.InstanceAsync(vpc.Id, x.Id, host: "hv2", name: "x2");
        var y3 = await api.InstanceAsync(vpc.Id, y.Id, host: "hv3", name: "y3");
        await api.InstanceAsync(vpc.Id, y.Id, host: "hv4", name: "y4");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var answers = new ConcurrentDictionary<string, ConcurrentQueue<long>>();
        var loops = new List<Task>();
        foreach (var host in hosts)
        {
            var agent = await _world.AgentAsync(host);
            var start = (await _world.DesiredAsync(host)).Sequence;
            answers[host] = new ConcurrentQueue<long>();
            loops.Add(PollLoopAsync(agent, host, start, answers[host], stop.Token));
        }
        await WaitForWaitingPollsAsync(hosts.Length);

        var vipX = await api.HaVipAsync(x, instanceIds: [x1.Id]);
        await Until(() => answers["hv1"].Count == 1 && answers["hv2"].Count == 1, answers, "x's hosts answer the HAVIP created in x");
        await api.HaVipAsync(y, instanceIds: [y3.Id]);
        await Until(() => answers["hv3"].Count == 1 && answers["hv4"].Count == 1, answers, "y's hosts answer the HAVIP created in y");
        (await api.PutAsync($"/v1/havips/{vipX.Id}/instances", new ReplaceInstancesRequest([]))).StatusCode.Should().Be(HttpStatusCode.OK);
        await Until(() => answers["hv1"].Count == 2 && answers["hv2"].Count == 2, answers, "x's hosts answer the unbinding in x");
        await WaitForWaitingPollsAsync(hosts.Length);

        await stop.CancelAsync();
        await Task.WhenAll(loops);
        // A host woken by a change it does not carry would have answered it before polling again
        // and being woken by the next change it does carry: an extra answer, in order.
        Counts(answers).Should().BeEquivalentTo(new Dictionary<string, int> { ["hv1"] = 2, ["hv2"] = 2, ["hv3"] = 1, ["hv4"] = 1 },
            "each change answers only the long-polls of its subnet's hosts; the others keep waiting");
    }

    private static async Task PollLoopAsync(ApiClient agent, string host, long after, ConcurrentQueue<long> answers, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var state = await agent.ReadAsync<DesiredStateDto>(await agent.Http.GetAsync($"/agent/v1/hosts/{host}/desired-state?after={after}&wait={WaitSeconds}", ct));
                if (state.Sequence != after)
                {
                    answers.Enqueue(state.Sequence);
                    after = state.Sequence;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Shown by the waits below instead of a loop that silently stopped.
            answers.Enqueue(-1);
            throw new InvalidOperationException($"{host}'s poll loop failed", e);
        }
    }

    /// <summary>Every loop has its poll waiting on the server (evidence, not a pause).</summary>
    private async Task WaitForWaitingPollsAsync(int count)
    {
        var slots = _app.Services.GetRequiredService<HaVip.Server.Agents.LongPollSlots>();
        await Eventually.GetAsync(() => Task.FromResult(slots.Waiting), waiting => waiting == count, TimeSpan.FromSeconds(20), $"{count} long-polls waiting");
    }

    private static Task Until(Func<bool> condition, ConcurrentDictionary<string, ConcurrentQueue<long>> answers, string what) =>
        Eventually.GetAsync(() => Task.FromResult(string.Join(", ", Counts(answers).Select(c => $"{c.Key}={c.Value}"))), _ => condition(),
            TimeSpan.FromSeconds(20), what + " (answers per host)");

    private static Dictionary<string, int> Counts(ConcurrentDictionary<string, ConcurrentQueue<long>> answers) =>
        answers.ToDictionary(a => a.Key, a => a.Value.Count);
}
