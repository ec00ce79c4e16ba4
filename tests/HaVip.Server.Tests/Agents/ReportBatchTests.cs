using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Access;
using HaVip.Server.Agents;
using HaVip.Server.Persistence;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>Holder and ack reports written in batches: the same effect as one by one, however they arrive.</summary>
public sealed class ReportBatchTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly ApiClient _api;
    private readonly Dictionary<string, ApiClient> _agents = [];
    private readonly Dictionary<string, string> _hostOf = [];

    public ReportBatchTests()
    {
        _app = new HaVipApp { Time = _time };
        _api = _app.Api;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Holders_ConcurrentRetriesThroughEndpointAndService_OneMasterEventPerChange()
    {
        var (vip, a, b) = await TwoHostsAsync();
        // The server's clock stands still, so a retry lands on exactly the claim time of the
        // first delivery (receipt time less the agent's measured age), as it does within a
        // millisecond or so in real life.
        var now = _time.GetUtcNow().UtcDateTime;
        var first = new HolderReport(vip.Id, a.Id, DateTime.UtcNow, AgeMilliseconds: 1000);
        var second = new HolderReport(vip.Id, b.Id, DateTime.UtcNow, AgeMilliseconds: 0);

        // The same two observations from two hosts' agents, each sent twice, through the HTTP
        // endpoint and straight into the batcher (another replica's path), all at once.
        var batcher = _app.Services.GetRequiredService<ReportBatcher>();
        var sends = new List<Task>();
        foreach (var report in new[] { first, second, first, second })
        {
            sends.Add(PostHolderAsync(report));
            var claimedAt = now.AddMilliseconds(-report.AgeMilliseconds!.Value);
            sends.Add(batcher.HolderAsync(new HolderSeen(report.HaVipId!, report.InstanceId!, claimedAt), CancellationToken.None));
        }
        await Task.WhenAll(sends);

        (await GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(b.Id);
        var masters = (await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events")).Where(e => e.Kind == "master").ToArray();
        masters.Select(e => e.InstanceId).Should().Equal(a.Id, b.Id);
        masters.Select(e => e.At).Should().Equal(now.AddSeconds(-1), now);
    }

    [Fact]
    public async Task Holders_ClaimDeliveredLateAfterRetries_DoesNotWin()
    {
        var (vip, a, b) = await TwoHostsAsync();
        await PostHolderAsync(new HolderReport(vip.Id, b.Id, DateTime.UtcNow, AgeMilliseconds: 0));
        _time.Advance(TimeSpan.FromSeconds(1));

        // hv1's agent saw a's claim 3 s ago and delivers it only now, after its retries.
        await PostHolderAsync(new HolderReport(vip.Id, a.Id, DateTime.UtcNow, AgeMilliseconds: 3000));

        (await GetVipAsync(vip.Id)).MasterInstanceId.Should().Be(b.Id, "a's claim happened 2 s before b's, whatever order they arrived in");
    }

    [Fact]
    public async Task Acks_ManyHostsAtOnce_AvailableOnce()
    {
        var (vip, _, _) = await TwoHostsAsync();
        var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;

        await Task.WhenAll(new[] { "hv1", "hv2", "hv1", "hv2", "hv1" }.Select(host => AckAsync(host, sequence)));

        (await GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
        var statuses = (await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events")).Where(e => e.Kind == "status").Select(e => e.Status);
        statuses.Should().Equal(HaVipState.Creating, HaVipState.Available);
    }

    [Fact]
    public async Task Acks_DeletingHaVip_BothHostsInOneBurst_Removed()
    {
        var (vip, _, _) = await TwoHostsAsync();
        var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;
        await Task.WhenAll(AckAsync("hv1", sequence), AckAsync("hv2", sequence));
        (await _api.Http.DeleteAsync($"/v1/havips/{vip.Id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var deleting = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;

        await Task.WhenAll(AckAsync("hv1", deleting), AckAsync("hv2", deleting), AckAsync("hv1", deleting));

        (await _api.Http.GetAsync($"/v1/havips/{vip.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ack_SettlingOneOfTheHostsHaVips_WritesOnlyThatOnesRow()
    {
        var (settled, a, b) = await TwoHostsAsync();
        var first = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;
        await Task.WhenAll(AckAsync("hv1", first), AckAsync("hv2", first));
        var added = await _api.HaVipAsync(await _api.GetAsync<SubnetDto>($"/v1/subnets/{settled.SubnetId}"), instanceIds: [a.Id, b.Id], name: "added");
        var second = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;

        // hv1 acknowledges the change that added a HAVIP to its subnet; the settled one was
        // applied before and stays applied whatever number the host acknowledges now.
        var written = await _app.ScopedAsync(async services =>
        {
            using var log = await CommandLog.OpenAsync(services.GetRequiredService<HaVipDbContext>());
            await services.GetRequiredService<ReportWriter>().AppliedAsync([new HostApplied("hv1", second, new Dictionary<string, string>())], CancellationToken.None);
            return log.RowsChangedBy("UPDATE havip_host_applies");
        });

        written.Should().Be(1, "an ack writes the rows it settles, not every row of the host");
        (await GetVipAsync(settled.Id)).Status.Should().Be(HaVipState.Available);
        (await GetVipAsync(added.Id)).Status.Should().Be(HaVipState.Creating, "hv2 has not applied it yet");
    }

    [Fact]
    public async Task AckBatch_LoadsTheApplyRows_NotTheBindings()
    {
        var (vip, _, _) = await TwoHostsAsync();
        var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;

        var statements = await _app.ScopedAsync(async services =>
        {
            using var log = await CommandLog.OpenAsync(services.GetRequiredService<HaVipDbContext>());
            await services.GetRequiredService<ReportWriter>().AppliedAsync(
                [new HostApplied("hv1", sequence, new Dictionary<string, string>()), new HostApplied("hv2", sequence, new Dictionary<string, string>())],
                CancellationToken.None);
            return log.Statements;
        });

        statements.Should().Contain(s => s.Contains("havip_host_applies"));
        statements.Should().NotContain(s => s.Contains("havip_bindings"), "an ack decides by the HAVIP's apply rows; its bindings are not read");
        (await GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
    }

    /// <summary>
    /// A change wakes its subnet's ten hosts, and their acks of its number meet in a batch: the rows
    /// of all of them are one update, not one per host. Each host's row is settled all the same.
    /// </summary>
    [Fact]
    public async Task AckBatch_HostsAcknowledgingOneNumber_OneUpdateOfTheirRows()
    {
        var (vip, _, _) = await TwoHostsAsync();
        var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;

        var (updates, rows) = await _app.ScopedAsync(async services =>
        {
            using var log = await CommandLog.OpenAsync(services.GetRequiredService<HaVipDbContext>());
            await services.GetRequiredService<ReportWriter>().AppliedAsync(
                [new HostApplied("hv1", sequence, new Dictionary<string, string>()), new HostApplied("hv2", sequence, new Dictionary<string, string>())],
                CancellationToken.None);
            return (log.Statements.Where(s => s.Replace("\"", "", StringComparison.Ordinal).StartsWith("UPDATE havip_host_applies", StringComparison.OrdinalIgnoreCase)).ToArray(),
                log.RowsChangedBy("UPDATE havip_host_applies"));
        });

        updates.Should().ContainSingle($"both hosts acknowledged {sequence}: one update of their rows (it ran: {string.Join(" | ", updates)})");
        rows.Should().Be(2, "each host's row of the HAVIP is settled");
        (await GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
    }

    [Fact]
    public async Task Ack_SettlingManyHaVips_AsManyStatementsAsSettlingOne()
    {
        var (first, _, _) = await TwoHostsAsync();
        var subnet = await _api.GetAsync<SubnetDto>($"/v1/subnets/{first.SubnetId}");

        // hv2's ack is the last each HAVIP waits for: it settles its rows, makes the HAVIPs available
        // and writes their status events. Once for one HAVIP, then for six more.
        var one = await SettleAsync();
        var more = new List<HaVipDto>();
        for (var i = 0; i < 6; i++)
        {
            more.Add(await _api.HaVipAsync(subnet, name: $"more-{i}"));
        }
        var six = await SettleAsync();

        one.Should().Contain(s => s.Contains("havip_events"), "the log sees the ack's statements");
        six.Should().HaveCount(one.Count, $"settling six HAVIPs takes the statements settling one does (one: {string.Join(" | ", one)}; six: {string.Join(" | ", six)})");
        foreach (var vip in more.Prepend(first))
        {
            (await GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Available);
            var statuses = (await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events")).Where(e => e.Kind == "status").Select(e => e.Status);
            statuses.Should().Equal([HaVipState.Creating, HaVipState.Available], $"{vip.Name}'s history is exact");
        }

        async Task<IReadOnlyList<string>> SettleAsync()
        {
            var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;
            await AckAsync("hv1", sequence);
            return await _app.ScopedAsync(async services =>
            {
                using var log = await CommandLog.OpenAsync(services.GetRequiredService<HaVipDbContext>());
                await services.GetRequiredService<ReportWriter>().AppliedAsync([new HostApplied("hv2", sequence, new Dictionary<string, string>())], CancellationToken.None);
                return log.Statements;
            });
        }
    }

    [Fact]
    public async Task Acks_OfBothHostsInOneBatch_PastTheDeadline_EventsInTheAggregatesOrder()
    {
        var (vip, _, _) = await TwoHostsAsync();
        var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;
        _time.Advance(TimeSpan.FromMinutes(10));

        // One batch, before any deadline round: hv1's ack finds the deadline passed with hv2 missing
        // (it fails), hv2's settles it. Two events of one HAVIP in one batch.
        await _app.ScopedAsync(async services =>
        {
            await services.GetRequiredService<ReportWriter>().AppliedAsync(
                [new HostApplied("hv1", sequence, new Dictionary<string, string>()), new HostApplied("hv2", sequence, new Dictionary<string, string>())],
                CancellationToken.None);
            return true;
        });

        var statuses = (await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events")).Where(e => e.Kind == "status").ToArray();
        statuses.Select(e => e.Status).Should().Equal(HaVipState.Creating, HaVipState.Failed, HaVipState.Available);
        statuses[1].Message.Should().StartWith("status failed: not applied by host(s) hv2 within");
        (await GetVipAsync(vip.Id)).Should().Match<HaVipDto>(v => v.Status == HaVipState.Available && v.StatusReason == null);
    }

    /// <summary>
    /// The issue's region at its first start: every HAVIP failed at its deadline naming the hosts of
    /// its subnet, which then come up one by one. An ack that leaves other hosts missing is no new
    /// status of any HAVIP: it writes the host's rows and nothing else, whatever their number (it was
    /// an event and a new reason per HAVIP per host); the last host's makes them all available in one
    /// update and one insert.
    /// </summary>
    [Fact]
    public async Task FirstAcks_OfHaVipsFailedAtTheDeadline_OnlyTheLastWritesStatusAndEvents()
    {
        var hosts = new[] { "hv1", "hv2", "hv3" };
        var (vpc, subnet) = await _api.NetworkAsync();
        foreach (var host in hosts)
        {
            _agents[host] = await _app.AgentAsync(host);
            (await _agents[host].PutAsync($"/agent/v1/hosts/{host}", new RegisterHostRequest($"10.255.0.{11 + Array.IndexOf(hosts, host)}"))).EnsureSuccessStatusCode();
            await _api.InstanceAsync(vpc.Id, subnet.Id, host: host, name: $"on-{host}");
        }
        var vips = new List<HaVipDto>();
        for (var i = 0; i < 6; i++)
        {
            vips.Add(await _api.HaVipAsync(subnet, name: $"vip-{i}"));
        }
        var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;
        _time.Advance(TimeSpan.FromMinutes(10));
        await _app.ScopedAsync(services => services.GetRequiredService<DeadlineCheck>().EnforceDeadlinesAsync(_time.GetUtcNow().UtcDateTime, CancellationToken.None));
        var failed = new Dictionary<string, (string? Reason, DateTime UpdatedAt)>();
        foreach (var vip in vips)
        {
            var read = await GetVipAsync(vip.Id);
            read.Status.Should().Be(HaVipState.Failed);
            read.StatusReason.Should().StartWith("not applied by host(s) hv1, hv2, hv3 within 30 s: ");
            failed[vip.Id] = (read.StatusReason, read.UpdatedAt);
        }

        foreach (var host in hosts)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            var (writes, rows) = await _app.ScopedAsync(async services =>
            {
                using var log = await CommandLog.OpenAsync(services.GetRequiredService<HaVipDbContext>());
                await services.GetRequiredService<ReportWriter>().AppliedAsync([new HostApplied(host, sequence, new Dictionary<string, string>())], CancellationToken.None);
                return (log.Statements.Where(s => !s.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).Select(s => s.Replace("\"", "", StringComparison.Ordinal)).ToArray(),
                    log.RowsChangedBy("UPDATE havip_host_applies"));
            });

            rows.Should().Be(vips.Count, $"{host}'s ack settles its row of each HAVIP");
            if (host != "hv3")
            {
                writes.Should().ContainSingle($"{host}'s ack leaves other hosts missing: the rows' update alone (it wrote: {string.Join(" | ", writes)})")
                    .Which.Should().StartWith("UPDATE havip_host_applies");
                foreach (var vip in vips)
                {
                    var read = await GetVipAsync(vip.Id);
                    (read.Status, read.StatusReason, read.UpdatedAt).Should().Be((HaVipState.Failed, failed[vip.Id].Reason, failed[vip.Id].UpdatedAt), "the failure at the deadline stands as it was");
                }
            }
            else
            {
                writes.Should().HaveCount(3, $"the rows, the HAVIPs' one status and their one event (it wrote: {string.Join(" | ", writes)})");
                writes.Should().ContainSingle(s => s.StartsWith("UPDATE havips ", StringComparison.OrdinalIgnoreCase));
                writes.Should().ContainSingle(s => s.StartsWith("INSERT INTO havip_events", StringComparison.OrdinalIgnoreCase));
            }
        }

        foreach (var vip in vips)
        {
            (await GetVipAsync(vip.Id)).Should().Match<HaVipDto>(v => v.Status == HaVipState.Available && v.StatusReason == null);
            var statuses = (await _api.GetAsync<HaVipEventDto[]>($"/v1/havips/{vip.Id}/events")).Where(e => e.Kind == "status").ToArray();
            statuses.Select(e => e.Status).Should().Equal([HaVipState.Creating, HaVipState.Failed, HaVipState.Available], $"{vip.Name}'s history: failed at the deadline, available when the last host applied it");
            statuses[1].Message.Should().Be($"status failed: {failed[vip.Id].Reason}");
        }
    }

    [Fact]
    public async Task Ack_SettlingNothing_AnsweredWithoutWaitingForTheWriter()
    {
        var (vip, _, _) = await TwoHostsAsync();
        var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;
        await Task.WhenAll(AckAsync("hv1", sequence), AckAsync("hv2", sequence));

        Task<HttpResponseMessage> failing;
        await using (await HeldWriter.HoldAsync(_app))
        {
            // hv2 reports an error (that settles something), hv1 acknowledges again what it already did (a re-synced agent).
            failing = _agents["hv2"].PostAsync("/agent/v1/hosts/hv2/applied", new AppliedReport(sequence, new Dictionary<string, string> { [vip.Id] = "port missing" }));
            var again = _agents["hv1"].PostAsync("/agent/v1/hosts/hv1/applied", new AppliedReport(sequence));

            var first = await Task.WhenAny(again, failing, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            first.Should().BeSameAs(again, $"an ack that settles nothing needs no write; the failing ack waits for the held writer (answered: {(failing.IsCompleted ? "the failing ack" : "neither, in 30 s")})");
            (await again).StatusCode.Should().Be(HttpStatusCode.NoContent);
            failing.IsCompleted.Should().BeFalse("a report that changes a HAVIP is written before it is answered");
        }

        (await failing).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Failed, "the failing ack was written once the writer was free");
    }

    [Fact]
    public async Task Reports_DoNotWakeLongPollingAgents_ApiChangesDo()
    {
        var (vip, a, b) = await TwoHostsAsync();
        var sequence = (await _agents["hv1"].GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state")).Sequence;
        var audit = _app.Services.GetRequiredService<AuditLog>();
        await audit.FlushAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        if (_app.Services.GetService<PostgresChangeListener>() is { } listener)
        {
            // On PostgreSQL the listener's first LISTEN wakes every long-poll once (what was announced
            // before it may have been missed): a start slowed by load could do that during the reports.
            await listener.Listening.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        var next = _app.Services.GetRequiredService<ChangeSignal>().Next;

        // Every kind of host report commits (the acks make the HAVIP available), and the audit trail with them.
        await AckAsync("hv1", sequence);
        await AckAsync("hv2", sequence);
        await PostHolderAsync(new HolderReport(vip.Id, a.Id, DateTime.UtcNow));
        (await _agents["hv2"].PostAsync("/agent/v1/spoof-attempts", new SpoofReport(vip.Id, b.Id, "02:00:00:00:00:02", DateTime.UtcNow, 1))).EnsureSuccessStatusCode();
        await audit.FlushAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        (await GetVipAsync(vip.Id)).Should().Match<HaVipDto>(v => v.Status == HaVipState.Available && v.MasterInstanceId == a.Id);
        next.IsCompleted.Should().BeFalse("reports change no host's desired state: waking every long-poll for them only costs reads");

        (await _api.PutAsync($"/v1/havips/{vip.Id}/instances", new { instanceIds = new[] { a.Id } })).EnsureSuccessStatusCode();
        await next.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    private async Task<(HaVipDto Vip, InstanceDto A, InstanceDto B)> TwoHostsAsync()
    {
        // Each host's agent with that host's own key, as real agents are.
        _agents["hv1"] = await _app.AgentAsync("hv1");
        _agents["hv2"] = await _app.AgentAsync("hv2");
        (await _agents["hv1"].PutAsync("/agent/v1/hosts/hv1", new RegisterHostRequest("10.255.0.11"))).EnsureSuccessStatusCode();
        (await _agents["hv2"].PutAsync("/agent/v1/hosts/hv2", new RegisterHostRequest("10.255.0.12"))).EnsureSuccessStatusCode();
        var (vpc, subnet) = await _api.NetworkAsync();
        var a = await _api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var b = await _api.InstanceAsync(vpc.Id, subnet.Id, host: "hv2", name: "b");
        _hostOf[a.Id] = "hv1";
        _hostOf[b.Id] = "hv2";
        return (await _api.HaVipAsync(subnet, instanceIds: [a.Id, b.Id]), a, b);
    }

    private async Task PostHolderAsync(HolderReport report) =>
        (await _agents[_hostOf[report.InstanceId!]].PostAsync("/agent/v1/holders", report)).StatusCode.Should().Be(HttpStatusCode.NoContent);

    private async Task AckAsync(string host, long sequence) =>
        (await _agents[host].PostAsync($"/agent/v1/hosts/{host}/applied", new AppliedReport(sequence))).EnsureSuccessStatusCode();

    private Task<HaVipDto> GetVipAsync(string id) => _api.GetAsync<HaVipDto>($"/v1/havips/{id}");
}
