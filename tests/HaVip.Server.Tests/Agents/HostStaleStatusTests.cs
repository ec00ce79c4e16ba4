using HaVip.Contracts.Api;
using HaVip.Domain.Hosts;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Honest status once a region has hosts (issue "A region, not a box"): a change waits for every
/// host it needs and fails at the deadline naming the stale or unknown ones; a host going stale
/// and coming back is on its HAVIPs' timelines without touching their status history. On the
/// server's virtual clock; the leader's round is called directly (the tests' interval is an hour).
/// </summary>
public sealed class HostStaleStatusTests : IAsyncDisposable
{
    private static readonly TimeSpan StaleAfter = HostLiveness.DefaultStaleAfter;
    private static readonly TimeSpan ApplyDeadline = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public HostStaleStatusTests()
    {
        _app = new HaVipApp { Time = _time };
        _world = new AgentWorld(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Change_NeedingAStaleHost_StaysCreating_FailsAtTheDeadlineNamingIt_AvailableWhenItApplies()
    {
        var (vip, _, _, subnet) = await _world.TwoHostsAsync();
        var hv2LastContact = Now;
        await AckAllAsync("hv1", "hv2");
        _time.Advance(StaleAfter / 2);
        await _world.DesiredAsync("hv1");
        _time.Advance(StaleAfter / 2 + TimeSpan.FromSeconds(1));
        (await NoteStaleAsync()).Should().Equal("hv2");

        var c = await _world.Api.InstanceAsync(subnet.VpcId, subnet.Id, host: "hv1", name: "c");
        (await _world.Api.PostAsync($"/v1/havips/{vip.Id}/instances", new AddInstanceRequest(c.Id))).EnsureSuccessStatusCode();
        await _world.AckAsync("hv1", (await _world.DesiredAsync("hv1")).Sequence);
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Creating, "hv2 runs b, an instance of the subnet, and has not applied the change");

        _time.Advance(ApplyDeadline);
        await EnforceAsync();

        var failed = await _world.GetVipAsync(vip.Id);
        failed.Status.Should().Be(HaVipState.Failed);
        failed.StatusReason.Should().Be($"not applied by host(s) hv2 within 30 s: host hv2 is stale (no contact since {hv2LastContact:O})");

        await _world.AckAsync("hv2", (await _world.DesiredAsync("hv2")).Sequence);
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available, "hv2 is back and applied the change");
    }

    [Fact]
    public async Task Change_NeedingAnUnknownHost_FailsAtTheDeadlineNamingIt_OnceAnyHostRegistered()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var (vpc, subnet) = await _world.Api.NetworkAsync();
        var a = await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var c = await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv3", name: "c");
        var vip = await _world.Api.HaVipAsync(subnet, instanceIds: [a.Id, c.Id]);
        await _world.AckAsync("hv1", (await _world.DesiredAsync("hv1")).Sequence);
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Creating);

        _time.Advance(ApplyDeadline);
        await EnforceAsync();

        (await _world.GetVipAsync(vip.Id)).StatusReason.Should().Be("not applied by host(s) hv3 within 30 s: host hv3 is unknown (no agent ever registered)");
    }

    [Fact]
    public async Task Change_MissedByReadyStaleAndUnknownHosts_FailsNamingEachHostAndItsState()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        await _world.RegisterAsync("hv2", "10.255.0.12");
        var hv2LastContact = Now;
        var (vpc, subnet) = await _world.Api.NetworkAsync();
        var a = await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var b = await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv2", name: "b");
        var c = await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv3", name: "c");
        var vip = await _world.Api.HaVipAsync(subnet, instanceIds: [a.Id, b.Id, c.Id]);
        var required = (await _world.DesiredAsync("hv1")).Sequence;

        // hv1's agent keeps polling (ready) but never acknowledges; hv2's went silent; hv3 never registered.
        _time.Advance(ApplyDeadline);
        await _world.DesiredAsync("hv1");
        await EnforceAsync();

        var failed = await _world.GetVipAsync(vip.Id);
        failed.Status.Should().Be(HaVipState.Failed);
        failed.StatusReason.Should().Be("not applied by host(s) hv1, hv2, hv3 within 30 s: "
            + $"host hv1 is ready (its agent is in contact) but has not acknowledged change {required}; "
            + $"host hv2 is stale (no contact since {hv2LastContact:O}); "
            + "host hv3 is unknown (no agent ever registered)");
    }

    [Fact]
    public async Task HostGoesStale_ItsHaVipsGetHostStale_HostBackOnReturn_StatusHistoryUnchanged()
    {
        var (both, a, _, subnet) = await _world.TwoHostsAsync();
        var onlyHv1 = await _world.Api.HaVipAsync(subnet, instanceIds: [a.Id], name: "only-hv1");
        var hv2LastContact = Now;
        await AckAllAsync("hv1", "hv2");
        var statusesBefore = await StatusHistoryAsync(both.Id);
        _time.Advance(StaleAfter / 2);
        await _world.DesiredAsync("hv1");
        _time.Advance(StaleAfter / 2 + TimeSpan.FromSeconds(1));

        (await NoteStaleAsync()).Should().Equal("hv2");
        (await NoteStaleAsync()).Should().BeEmpty("a transition is noted once");

        var stale = (await _world.EventsAsync(both.Id)).Should().ContainSingle(e => e.Kind == "hostStale").Subject;
        stale.Message.Should().Contain("hv2");
        stale.At.Should().Be(hv2LastContact + StaleAfter, "stale from the moment the threshold passed");
        (await _world.EventsAsync(onlyHv1.Id)).Should().NotContain(e => e.Kind == "hostStale", "no instance of it runs on hv2");
        (await _world.GetVipAsync(both.Id)).Status.Should().Be(HaVipState.Available, "a stale host shows in health and the timeline, not as a new status");

        _time.Advance(TimeSpan.FromSeconds(10));
        await _world.DesiredAsync("hv2");

        var events = await _world.EventsAsync(both.Id);
        events.Where(e => e.Kind is "hostStale" or "hostBack").Select(e => e.Kind).Should().Equal("hostStale", "hostBack");
        events.Single(e => e.Kind == "hostBack").Message.Should().Contain("hv2");
        (await StatusHistoryAsync(both.Id)).Should().Equal(statusesBefore);
        (await _world.GetVipAsync(both.Id)).Status.Should().Be(HaVipState.Available);
    }

    [Fact]
    public async Task StaleHost_BackThroughReregistration_HaVipGetsHostBack()
    {
        var (vip, _, _, _) = await _world.TwoHostsAsync();
        _time.Advance(StaleAfter + TimeSpan.FromSeconds(1));
        (await NoteStaleAsync()).Should().BeEquivalentTo(["hv1", "hv2"]);

        await _world.RegisterAsync("hv1", "10.255.0.11");

        var kinds = (await _world.EventsAsync(vip.Id)).Where(e => e.Kind is "hostStale" or "hostBack").ToArray();
        kinds.Count(e => e.Kind == "hostStale").Should().Be(2, "both hosts went stale");
        kinds.Should().ContainSingle(e => e.Kind == "hostBack").Which.Message.Should().Contain("hv1");
    }

    private async Task AckAllAsync(params string[] hosts)
    {
        foreach (var host in hosts)
        {
            await _world.AckAsync(host, (await _world.DesiredAsync(host)).Sequence);
        }
    }

    private async Task<HaVipState?[]> StatusHistoryAsync(string id) =>
        (await _world.EventsAsync(id)).Where(e => e.Kind == "status").Select(e => e.Status).ToArray();

    private Task<IReadOnlyList<string>> NoteStaleAsync() =>
        _app.ScopedAsync(sp => sp.GetRequiredService<HostLivenessWriter>().NoteStaleAsync(Now, CancellationToken.None));

    private Task<int> EnforceAsync() =>
        _app.ScopedAsync(sp => sp.GetRequiredService<DeadlineCheck>().EnforceDeadlinesAsync(Now, CancellationToken.None));
}
