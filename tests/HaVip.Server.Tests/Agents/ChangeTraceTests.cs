using System.Collections.ObjectModel;
using System.Diagnostics;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Hosting;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// An API change, its write and the desired state hosts receive share one trace: the request is
/// the root, the write its child, and the write's traceparent travels to the agents (whose apply
/// takes it as parent: HaVip.Agent.Tests' SyncLoopTests).
/// </summary>
public sealed class ChangeTraceTests
{
    [Fact]
    public async Task AChange_ItsWrite_AndTheDesiredStateAgentsReceive_ShareOneTrace()
    {
        var spans = new Spans();
        await using var app = new HaVipApp();
        using var traced = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddOpenTelemetry().WithTracing(t => t.AddHaVipServerSources().AddInMemoryExporter(spans))));
        var api = new ApiClient(traced.CreateClient().WithKey());
        var agent = new ApiClient(traced.CreateClient().WithKey(await TestKeys.AgentKeyAsync(traced.CreateClient().WithKey(), "hv1")));
        (await agent.PutAsync("/agent/v1/hosts/hv1", new RegisterHostRequest("10.255.0.11"))).EnsureSuccessStatusCode();
        var (vpc, subnet) = await api.NetworkAsync();
        var a = await api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var vip = await api.HaVipAsync(subnet);
        var before = await agent.GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state");

        (await api.PutAsync($"/v1/havips/{vip.Id}/instances", new ReplaceInstancesRequest([a.Id]))).EnsureSuccessStatusCode();
        var state = await agent.GetAsync<DesiredStateDto>($"/agent/v1/hosts/hv1/desired-state?after={before.Sequence}&wait=0");

        before.TraceParents.Should().BeNull("a first sync names no change");
        state.TraceParents.Should().ContainSingle("one change since the agent's sequence");
        var change = ActivityContext.Parse(state.TraceParents![0], null);
        var write = await Eventually.GetAsync(() => Task.FromResult(spans.Find(s => s.SpanId == change.SpanId)), s => s is not null,
            TimeSpan.FromSeconds(10), "the write's span");
        var request = await Eventually.GetAsync(() => Task.FromResult(spans.Find(s => s.SpanId == write!.ParentSpanId)), s => s is not null,
            TimeSpan.FromSeconds(10), "the write's parent span");
        write!.Source.Name.Should().Be("HaVip.Server");
        write.GetTagItem("havip.change.sequence").Should().Be(state.Sequence);
        request!.Kind.Should().Be(ActivityKind.Server);
        request.GetTagItem("http.request.method").Should().Be("PUT");
        request.ParentSpanId.Should().Be(default(ActivitySpanId), "the request is the root");
        new[] { write.TraceId, request.TraceId }.Should().AllBeEquivalentTo(change.TraceId);
    }

    /// <summary>What the in-memory exporter collected; other tests' servers in this process add to it at once.</summary>
    private sealed class Spans : Collection<Activity>
    {
        public Activity? Find(Func<Activity, bool> match)
        {
            lock (Items)
            {
                return Items.FirstOrDefault(match);
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(Count, item);
            }
        }
    }
}
