using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Domain.Hosts;
using HaVip.Server.Agents;
using HaVip.Server.Persistence;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>Hosts in the database: idempotent registration, last contact written in batches, stale and back on the server's clock.</summary>
public sealed class HostLivenessTests : IAsyncDisposable
{
    // The default threshold is 15 s; contacts are written at most every third of it (5 s).
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    // Before the server: its contexts then report every command from their first on (CommandCounter).
    private readonly CommandCounter _commands = new();
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public HostLivenessTests()
    {
        _app = new HaVipApp { Time = _time };
        _world = new AgentWorld(_app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _commands.Dispose();
    }

    [Fact]
    public async Task Register_Twice_OneHostOneEventNoNewChange()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var sequence = (await _world.DesiredAsync("hv1")).Sequence;

        await _world.RegisterAsync("hv1", "10.255.0.11");

        (await _world.DesiredAsync("hv1")).Sequence.Should().Be(sequence, "an unchanged registration changes no host's state");
        var (host, events) = await ReadAsync("hv1");
        host.UnderlayIp.Should().Be("10.255.0.11");
        events.Select(e => e.Kind).Should().Equal(HostEventKinds.Registered);
    }

    [Fact]
    public async Task Register_AgainUnchanged_WritesNothing_SoDoesNotWaitForTheWriter()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var agent = await _world.AgentAsync("hv1");

        await using (await HeldWriter.HoldAsync(_app))
        {
            // As agents that restarted or moved to this replica: behind a busy writer (another replica's race, an ack storm) they would wait.
            var again = agent.PutAsync("/agent/v1/hosts/hv1", new RegisterHostRequest("10.255.0.11"));
            (await Task.WhenAny(again, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))).Should().BeSameAs(again,
                "an unchanged registration was not answered in 30 s: it waited for the writer");
            using var answer = await again;
            answer.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task Register_MovedUnderlay_NewChangeAndEvent()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var sequence = (await _world.DesiredAsync("hv1")).Sequence;

        await _world.RegisterAsync("hv1", "10.255.0.21");

        (await _world.DesiredAsync("hv1")).Sequence.Should().BeGreaterThan(sequence, "other hosts' tunnels must follow the move");
        var (host, events) = await ReadAsync("hv1");
        host.UnderlayIp.Should().Be("10.255.0.21");
        events.Select(e => e.Kind).Should().Equal(HostEventKinds.Registered, HostEventKinds.Registered);
        events[1].Message.Should().Contain("10.255.0.11").And.Contain("10.255.0.21");
    }

    [Fact]
    public async Task Contacts_WithinAThirdOfTheThreshold_AreNotWrittenEachTime()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var registeredAt = (await ReadAsync("hv1")).Host.LastSeen;

        _time.Advance(TimeSpan.FromSeconds(1));
        await _world.DesiredAsync("hv1");
        (await ReadAsync("hv1")).Host.LastSeen.Should().Be(registeredAt, "a contact 1 s after the last written one is not written");

        _time.Advance(StaleAfter / 3);
        await _world.DesiredAsync("hv1");
        (await ReadAsync("hv1")).Host.LastSeen.Should().Be(registeredAt + TimeSpan.FromSeconds(1) + StaleAfter / 3);
    }

    [Fact]
    public async Task Contact_DueWhileTheWriterIsBusy_RequestAnsweredAndContactWrittenAfter()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        _time.Advance(StaleAfter / 3 + TimeSpan.FromSeconds(1));
        var contact = Now;

        await using (await HeldWriter.HoldAsync(_app))
        {
            // A contact is a Record write, behind every ack and change: the request must not wait for it.
            var poll = (await _world.AgentAsync("hv1")).GetAsync<DesiredStateDto>("/agent/v1/hosts/hv1/desired-state");
            (await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))).Should().BeSameAs(poll, "the poll was not answered in 30 s: it waited for the writer");
            (await poll).Host.Should().Be("hv1");
        }

        await _app.Services.GetRequiredService<HostSightings>().FlushAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        (await ReadAsync("hv1")).Host.LastSeen.Should().Be(contact, "the contact is written once the writer is free");
    }

    /// <summary>
    /// A contact queued while acks queue too is written before the acks queued after it: behind
    /// them (a Record write), it waited out the acks' whole backlog, and at the region's first
    /// start that was longer than the stale threshold, so the leader noted live hosts stale (and
    /// back, an event on every HAVIP bound there each time). The writer is held; the contact's write
    /// queues, then an ack-level write that reads the host's last contact; both go when it is free.
    /// </summary>
    [Fact]
    public async Task Contact_QueuedBeforeAnAck_IsWrittenBeforeIt_NotBehindTheAcksBacklog()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        _time.Advance(StaleAfter / 3 + TimeSpan.FromSeconds(1));
        var contact = Now;
        var gate = _app.Services.GetRequiredService<WriteGate>();
        Task<DateTime> ack;

        await using (await HeldWriter.HoldAsync(_app))
        {
            _app.Services.GetRequiredService<HostSightings>().Seen("hv1");
            await Eventually.GetAsync(() => Task.FromResult(gate.Waiting(WriteKind.Contact) + gate.Waiting(WriteKind.Record)), waiting => waiting == 1,
                TimeSpan.FromSeconds(10), "the contact's write queued at the writer");
            ack = _app.ScopedAsync(sp => gate.RunAsync(sp.GetRequiredService<HaVipDbContext>(),
                c => sp.GetRequiredService<HaVipDbContext>().Hosts.AsNoTracking().Where(h => h.Name == "hv1").Select(h => h.LastSeen).SingleAsync(c),
                WriteKind.Acknowledgement, CancellationToken.None));
            await Eventually.GetAsync(() => Task.FromResult(gate.Waiting(WriteKind.Acknowledgement)), waiting => waiting == 1,
                TimeSpan.FromSeconds(10), "the ack-level write queued at the writer");
        }

        (await ack.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).Should().Be(contact,
            "the contact queued first is written first: an ack backlog does not age it");
    }

    /// <summary>
    /// A thousand hosts' contacts are 200 a second through the one writer: the contacts that wait
    /// while it is busy go in one statement, each host's at its own time. Forty hosts, more than an
    /// ack batch holds (ReportLane.MaxBatch, 32), come due while the writer is held; the lane's
    /// first batch may have taken one or all of them before it waited, the rest are the next.
    /// </summary>
    [Fact]
    public async Task Contacts_OfFortyHostsWhileTheWriterIsBusy_OneStatementABatch_EachAtItsOwnTime()
    {
        var hosts = Enumerable.Range(1, 40).Select(i => $"hv{i:00}").ToArray();
        foreach (var (host, i) in hosts.Select((h, i) => (h, i)))
        {
            await _world.RegisterAsync(host, $"10.255.0.{i + 1}");
        }
        _time.Advance(StaleAfter / 3 + TimeSpan.FromSeconds(1));
        var sightings = _app.Services.GetRequiredService<HostSightings>();
        var contacts = new Dictionary<string, DateTime>(StringComparer.Ordinal);

        await using (await HeldWriter.HoldAsync(_app))
        {
            await _commands.CountAsync(() =>
            {
                foreach (var host in hosts)
                {
                    // Each at its own time, down to the microsecond (PostgreSQL's precision).
                    _time.Advance(TimeSpan.FromMicroseconds(1001));
                    contacts[host] = Now;
                    sightings.Seen(host);
                }
                return Task.FromResult(true);
            });
        }
        await sightings.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        _commands.Commands.Should().HaveCountLessThanOrEqualTo(2,
            $"40 contacts in at most two batches, one statement each; it ran:{Environment.NewLine}{string.Join(Environment.NewLine + "--" + Environment.NewLine, _commands.Commands)}");
        var written = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().Hosts.AsNoTracking().ToDictionaryAsync(h => h.Name, h => h.LastSeen));
        written.Should().BeEquivalentTo(contacts, "each host's last contact is its own");
    }

    [Fact]
    public async Task Contact_OlderThanTheWrittenOne_DoesNotMoveLastSeenBack()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var registeredAt = (await ReadAsync("hv1")).Host.LastSeen;

        await _app.ScopedAsync(async sp =>
        {
            await sp.GetRequiredService<HostLivenessWriter>().SeenAsync([new HostSeen("hv1", registeredAt - TimeSpan.FromSeconds(10))], CancellationToken.None);
            return true;
        });

        (await ReadAsync("hv1")).Host.LastSeen.Should().Be(registeredAt, "a contact that arrives late says nothing newer than the one written");
    }

    [Fact]
    public async Task Host_SilentPastThreshold_IsStale_AndReadyWhenItsAgentReturns()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        await _world.RegisterAsync("hv2", "10.255.0.12");

        _time.Advance(StaleAfter - TimeSpan.FromSeconds(1));
        await _world.DesiredAsync("hv2");
        (await NoteStaleAsync()).Should().BeEmpty("nobody has been silent for 15 s yet");

        _time.Advance(TimeSpan.FromSeconds(2));
        (await NoteStaleAsync()).Should().Equal("hv1");
        (await NoteStaleAsync()).Should().BeEmpty("a transition is written once");
        (await ReadAsync("hv1")).Host.StateAt(Now, StaleAfter).Should().Be(HostState.Stale);
        (await ReadAsync("hv2")).Host.StateAt(Now, StaleAfter).Should().Be(HostState.Ready);

        _time.Advance(TimeSpan.FromSeconds(30));
        await _world.DesiredAsync("hv1");

        var (host, events) = await ReadAsync("hv1");
        host.StateAt(Now, StaleAfter).Should().Be(HostState.Ready);
        events.Select(e => e.Kind).Should().Equal(HostEventKinds.Registered, HostEventKinds.Stale, HostEventKinds.Back);
        events[1].At.Should().Be(host.FirstSeen + StaleAfter, "stale from the moment the threshold passed, not from when the sweep ran");
    }

    /// <summary>
    /// A long-poll that waits (30 s, nothing changed) is a live agent: its host is seen again every
    /// third of the threshold while it waits, and the stale sweep does not note it, though no other
    /// request came for longer than the threshold. The replica's one timer for waiting polls
    /// (<see cref="HostSightings.Waiting"/>) runs on the server's clock, here the test's.
    /// </summary>
    [Fact]
    public async Task Poll_Waiting_KeepsItsHostSeen_AndNotStale()
    {
        var ct = TestContext.Current.CancellationToken;
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var held = (await _world.DesiredAsync("hv1")).Sequence;
        var agent = await _world.AgentAsync("hv1");
        var poll = agent.Http.GetAsync($"/agent/v1/hosts/hv1/desired-state?after={held}&wait=30", ct);
        var slots = _app.Services.GetRequiredService<LongPollSlots>();
        await Eventually.GetAsync(() => Task.FromResult(slots.Waiting), waiting => waiting == 1, TimeSpan.FromSeconds(20), "hv1's long-poll waiting");

        for (var step = 0; step < 4; step++)
        {
            _time.Advance(StaleAfter / 3 + TimeSpan.FromSeconds(1));
            var expected = Now;
            await Eventually.GetAsync(async () =>
            {
                await _world.ContactsWrittenAsync();
                return (await ReadAsync("hv1")).Host.LastSeen;
            }, seen => seen == expected, TimeSpan.FromSeconds(20), $"hv1's contact at {expected:O}, while its poll waits");
        }

        poll.IsCompleted.Should().BeFalse("nothing changed: the poll still waits");
        (await NoteStaleAsync()).Should().BeEmpty("hv1's agent waits on its poll: 24 s without another request, but seen meanwhile");
        (await ReadAsync("hv1")).Events.Select(e => e.Kind).Should().Equal(HostEventKinds.Registered);
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;


    private Task<IReadOnlyList<string>> NoteStaleAsync() =>
        _app.ScopedAsync(sp => sp.GetRequiredService<HostLivenessWriter>().NoteStaleAsync(Now, CancellationToken.None));

    private Task<(HypervisorHost Host, HostEvent[] Events)> ReadAsync(string name) =>
        _app.ScopedAsync(async sp =>
        {
            var db = sp.GetRequiredService<HaVipDbContext>();
            var host = await db.Hosts.AsNoTracking().SingleAsync(h => h.Name == name);
            return (host, await db.HostEvents.AsNoTracking().Where(e => e.Host == name).OrderBy(e => e.Id).ToArrayAsync());
        });
}
