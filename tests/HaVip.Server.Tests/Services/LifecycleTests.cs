using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Services;

/// <summary>Status follows what the hosts report, on a virtual clock.</summary>
public sealed class LifecycleTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly ApiClient _api;

    public LifecycleTests()
    {
        _app = new HaVipApp { Time = _time };
        _api = _app.Api;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Create_OnTwoHosts_IsCreatingUntilBothApplied()
    {
        var (vip, _) = await TwoHostHaVipAsync();
        vip.Status.Should().Be(HaVipState.Creating);
        var sequence = await SequenceAsync();

        await ReportAsync("host-a", sequence);
        (await GetAsync(vip.Id)).Status.Should().Be(HaVipState.Creating);
        await ReportAsync("host-b", sequence);

        (await GetAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
        var events = await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events");
        events.Where(e => e.Kind == "status").Select(e => e.Status).Should().Equal(HaVipState.Creating, HaVipState.Available);
    }

    [Fact]
    public async Task HostError_FailsWithReason_AndAFixedApplyMakesItAvailable()
    {
        var (vip, _) = await TwoHostHaVipAsync();
        var sequence = await SequenceAsync();

        await ReportAsync("host-a", sequence, new Dictionary<string, string> { [vip.Id] = "port tap-x does not exist" });
        await ReportAsync("host-b", sequence);
        var failed = await GetAsync(vip.Id);
        await ReportAsync("host-a", sequence);

        failed.Status.Should().Be(HaVipState.Failed);
        failed.StatusReason.Should().Contain("host-a").And.Contain("port tap-x does not exist");
        (await GetAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
    }

    [Fact]
    public async Task NotAppliedWithinDeadline_Fails_AndRenameStillWorks()
    {
        var (vip, _) = await TwoHostHaVipAsync();
        await ReportAsync("host-a", await SequenceAsync());

        _time.Advance(TimeSpan.FromSeconds(29));
        await EnforceAsync();
        (await GetAsync(vip.Id)).Status.Should().Be(HaVipState.Creating);
        _time.Advance(TimeSpan.FromSeconds(2));
        await EnforceAsync();

        var failed = await GetAsync(vip.Id);
        failed.Status.Should().Be(HaVipState.Failed);
        failed.StatusReason.Should().Be("not applied by host(s) host-b within 30 s");
        var renamed = await _api.ReadAsync<HaVipDto>(await _api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest("renamed")));
        renamed.Name.Should().Be("renamed");
        renamed.Status.Should().Be(HaVipState.Failed);
    }

    [Fact]
    public async Task Delete_WithHosts_IsDeletingUntilHostsRemovedIt()
    {
        var (vip, vms) = await TwoHostHaVipAsync();
        (await ApiClient.ProblemAsync(await _api.Http.DeleteAsync($"/v1/havips/{vip.Id}"), HttpStatusCode.Conflict)).Code.Should().Be("InvalidState");
        var created = await SequenceAsync();
        await ReportAsync("host-a", created);
        await ReportAsync("host-b", created);

        var response = await _api.Http.DeleteAsync($"/v1/havips/{vip.Id}");
        var deleting = await _api.ReadAsync<HaVipDto>(response, HttpStatusCode.Accepted);
        deleting.Status.Should().Be(HaVipState.Deleting);
        deleting.InstanceIds.Should().BeEmpty("deleting unbinds every instance");
        (await ApiClient.ProblemAsync(await _api.PostAsync($"/v1/havips/{vip.Id}/instances", new AddInstanceRequest(vms[0])), HttpStatusCode.Conflict)).Code.Should().Be("InvalidState");
        (await _api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest(Remark: "going"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var removal = await SequenceAsync();
        await ReportAsync("host-a", removal);
        await ReportAsync("host-b", removal);

        (await _api.Http.GetAsync($"/v1/havips/{vip.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Holder_FromBoundInstance_BecomesMaster_OlderReportsAndStrangersIgnored()
    {
        var (vip, vms) = await TwoHostHaVipAsync();
        var t0 = _time.GetUtcNow().UtcDateTime;

        // Claim times are on the server's clock (receipt less the agent's measured age), never ahead of it.
        await HolderAsync(vip.Id, vms[0], t0);
        _time.Advance(TimeSpan.FromSeconds(5));
        await HolderAsync(vip.Id, vms[1], t0.AddSeconds(3));
        await HolderAsync(vip.Id, vms[0], t0.AddSeconds(1));
        await HolderAsync(vip.Id, "i-stranger00", t0.AddSeconds(5));

        (await GetAsync(vip.Id)).MasterInstanceId.Should().Be(vms[1]);
        var masters = (await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events")).Where(e => e.Kind == "master").Select(e => e.InstanceId);
        masters.Should().Equal(vms[0], vms[1]);
    }

    private async Task<(HaVipDto Vip, string[] Instances)> TwoHostHaVipAsync()
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var a = await _api.InstanceAsync(vpc.Id, subnet.Id, host: "host-a");
        var b = await _api.InstanceAsync(vpc.Id, subnet.Id, host: "host-b");
        return (await _api.HaVipAsync(subnet, instanceIds: [a.Id, b.Id]), [a.Id, b.Id]);
    }

    private Task<HaVipDto> GetAsync(string id) => _api.GetAsync<HaVipDto>($"/v1/havips/{id}");

    private Task<long> SequenceAsync() => _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().Sequences.Select(s => s.Value).SingleAsync());

    private Task ReportAsync(string host, long sequence, Dictionary<string, string>? errors = null) =>
        _app.ScopedAsync(async sp =>
        {
            await sp.GetRequiredService<ReportBatcher>().AppliedAsync(new HostApplied(host, sequence, errors ?? []), CancellationToken.None);
            return true;
        });

    private Task HolderAsync(string vip, string instance, DateTime claimedAt) =>
        _app.ScopedAsync(async sp =>
        {
            await sp.GetRequiredService<ReportBatcher>().HolderAsync(new HolderSeen(vip, instance, claimedAt), CancellationToken.None);
            return true;
        });

    private Task EnforceAsync() =>
        _app.ScopedAsync(sp => sp.GetRequiredService<DeadlineCheck>().EnforceDeadlinesAsync(_time.GetUtcNow().UtcDateTime, CancellationToken.None));
}
