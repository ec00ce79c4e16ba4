using System.Text.RegularExpressions;
using HaVip.Contracts.Api;
using HaVip.Domain.Health;
using HaVip.Server.Agents;
using HaVip.Server.HaVips;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// What a health round costs the leader (<see cref="HealthRecorder"/>): a fixed number of
/// statements whatever the number of HAVIPs it evaluates, and no evaluation for a change health
/// does not read (an ack settling a HAVIP, the deadline failing it). After a dense fleet's first
/// start every HAVIP was due, a round wrote two rows a HAVIP one statement each, and each read sorted
/// the whole backlog: the leader evaluated about 58 HAVIPs a second at a core (docs/benchmarks.md).
/// </summary>
public sealed partial class HealthRoundCostTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    // Before the server: its contexts then report every command from their first on (CommandCounter).
    private readonly CommandCounter _commands = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly HaVipApp _app;
    private readonly AgentWorld _world;

    public HealthRoundCostTests()
    {
        // No leader rounds of its own (the tests run them) and no host going stale meanwhile.
        _app = new HaVipApp { Time = _time, Settings = new Dictionary<string, string> { ["HaVip:HostStaleAfter"] = "01:00:00" } };
        _world = new AgentWorld(_app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _commands.Dispose();
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Twelve HAVIPs over two subnets on two registered hosts, none advertising: past keepalived's
    /// Master_Down_Interval each starts NoMaster. A round of 2 and a round of 10 run the same
    /// statements: the due ids (ordered by the indexed column alone, so the database stops at the
    /// round's size instead of sorting every due HAVIP), the HAVIPs and their bindings, the
    /// subnets' adverts, the instances' hosts, the open findings, one insert of the started
    /// findings, one of their events, one update of the next due moments. What they write is what
    /// the rules say, for each HAVIP.
    /// </summary>
    [Fact]
    public async Task Round_RunsTheSameStatements_ForTwoDueHavipsAsForTen_AndWritesEachStart()
    {
        var ct = TestContext.Current.CancellationToken;
        var vips = await TwelveHaVipsAsync();
        _time.Advance(ClusterHealth.DefaultMasterDownInterval + TimeSpan.FromSeconds(1));

        var two = await CountedRoundAsync(2);
        var twoCommands = _commands.Commands;
        var ten = await CountedRoundAsync(10);
        var tenCommands = _commands.Commands.Skip(twoCommands.Count).ToList();

        (two.Evaluated, two.Transitions, ten.Evaluated, ten.Transitions).Should().Be((2, 2, 10, 10), "each HAVIP starts NoMaster");
        tenCommands.Should().HaveCount(twoCommands.Count, $"a round of 10 runs what a round of 2 runs; they ran:{Environment.NewLine}{Show(twoCommands)}{Environment.NewLine}=== and:{Environment.NewLine}{Show(tenCommands)}");
        twoCommands.Count.Should().BeLessThanOrEqualTo(9, Show(twoCommands));
        DueOrder().IsMatch(twoCommands[0]).Should().BeTrue($"the due read orders by HealthDueAt alone, as its index does:{Environment.NewLine}{twoCommands[0]}");

        foreach (var vip in vips)
        {
            var starts = (await _world.EventsAsync(vip.Id)).Where(e => e.Finding is not null).ToList();
            starts.Should().ContainSingle($"{vip.Name} started one finding");
            starts[0].Kind.Should().Be("findingStarted");
            starts[0].Finding.Should().Be("NoMaster");
            starts[0].At.Should().Be(vip.CreatedAt + ClusterHealth.DefaultMasterDownInterval, "a bound instance never heard from is silent from its binding plus keepalived's default");
            starts[0].Instances.Should().BeEquivalentTo(vip.InstanceIds);
        }
        var open = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().Findings.AsNoTracking().ToListAsync(ct));
        open.Should().HaveCount(vips.Count);
        open.Should().AllSatisfy(f => f.Code.Should().Be(FindingCode.NoMaster));
        open.Select(f => f.HaVipId).Should().BeEquivalentTo(vips.Select(v => v.Id));
        open.Should().AllSatisfy(f => f.Since.Should().Be(vips.Single(v => v.Id == f.HaVipId).CreatedAt + ClusterHealth.DefaultMasterDownInterval));
        (await CountedRoundAsync(200)).Evaluated.Should().Be(0, "none is due any more");
    }

    /// <summary>
    /// A finding that ends for many HAVIPs ends in one statement, and each timeline says so: the
    /// instances advertise, NoMaster ends for every HAVIP of the subnet at the moment it was marked.
    /// </summary>
    [Fact]
    public async Task Round_EndsAFindingForManyHavips_AtTheirMarkedMoment()
    {
        var vips = await TwelveHaVipsAsync();
        _time.Advance(ClusterHealth.DefaultMasterDownInterval + TimeSpan.FromSeconds(1));
        (await CountedRoundAsync(200)).Transitions.Should().Be(vips.Count);
        var first = vips[0];
        var advertiser = await _world.Api.GetAsync<InstanceDto>($"/v1/instances/{first.InstanceIds[0]}");
        var vrid = await _world.VridAsync(first.Id, advertiser.Id);
        await _world.ReportVrrpAsync(advertiser.Host!, AgentWorld.Advert(advertiser.Id, vrid, 150, first.IpAddress));
        var reportedAt = Now;

        var round = await CountedRoundAsync(200);

        var subnet = vips.Where(v => v.SubnetId == first.SubnetId).ToList();
        round.Evaluated.Should().Be(subnet.Count, "an advert makes its subnet's HAVIPs due");
        var ended = (await _world.EventsAsync(first.Id)).Where(e => e.Kind == "findingEnded").ToList();
        ended.Should().ContainSingle().Which.At.Should().Be(reportedAt);
        var open = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().Findings.AsNoTracking().Select(f => f.HaVipId).ToListAsync());
        open.Should().NotContain(first.Id).And.Contain(vips.Where(v => v.SubnetId != first.SubnetId).Select(v => v.Id));
    }

    /// <summary>
    /// A HAVIP whose findings were written is not made due again by its hosts' first acks (which
    /// change its status alone): evaluated anyway, it would write nothing. On main the settle made it
    /// due at once.
    /// </summary>
    [Fact]
    public async Task FirstAck_SettlingAHavip_DoesNotMakeItDue_AsItsFindingsCannotChange()
    {
        var (vip, _, _, _) = await _world.TwoHostsAsync();
        _time.Advance(ClusterHealth.DefaultMasterDownInterval + TimeSpan.FromSeconds(1));
        (await CountedRoundAsync(200)).Transitions.Should().Be(1, "NoMaster started");
        (await DueAsync(vip.Id)).Should().BeNull();

        foreach (var host in new[] { "hv1", "hv2" })
        {
            await _world.AckAsync(host, (await _world.DesiredAsync(host)).Sequence);
        }
        await Eventually.GetAsync(async () => (await _world.GetVipAsync(vip.Id)).Status, status => status == HaVipState.Available, Wait, "the HAVIP settled by its hosts' acks");

        (await DueAsync(vip.Id)).Should().BeNull("an ack changes the status alone, which no finding reads");
        (await RecordNowAsync(vip.Id)).Should().Be(0, "evaluated anyway, its findings are the ones written");
    }

    /// <summary>The deadline failing a HAVIP changes its status alone: it is not made due either.</summary>
    [Fact]
    public async Task Deadline_FailingAHavip_DoesNotMakeItDue_AsItsFindingsCannotChange()
    {
        var (vip, _, _, _) = await _world.TwoHostsAsync();
        _time.Advance(ClusterHealth.DefaultMasterDownInterval + TimeSpan.FromSeconds(1));
        (await CountedRoundAsync(200)).Transitions.Should().Be(1, "NoMaster started");

        _time.Advance(TimeSpan.FromMinutes(1));
        var failed = await _app.ScopedAsync(sp => sp.GetRequiredService<DeadlineCheck>().EnforceDeadlinesAsync(Now, TestContext.Current.CancellationToken));

        failed.Should().Be(1);
        (await _world.GetVipAsync(vip.Id)).Status.Should().Be(HaVipState.Failed);
        (await DueAsync(vip.Id)).Should().BeNull("the deadline changes the status alone, which no finding reads");
        (await RecordNowAsync(vip.Id)).Should().Be(0, "evaluated anyway, its findings are the ones written");
    }

    /// <summary>Two registered hosts, two subnets of three instances each (on both hosts), six HAVIPs a subnet bound to pairs.</summary>
    private async Task<List<HaVipDto>> TwelveHaVipsAsync()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        await _world.RegisterAsync("hv2", "10.255.0.12");
        var vips = new List<HaVipDto>();
        for (var s = 0; s < 2; s++)
        {
            var (vpc, subnet) = await _world.Api.NetworkAsync();
            var instances = new List<InstanceDto>();
            for (var i = 0; i < 3; i++)
            {
                instances.Add(await _world.Api.InstanceAsync(vpc.Id, subnet.Id, host: i % 2 == 0 ? "hv1" : "hv2", name: $"s{s}i{i}"));
            }
            for (var k = 0; k < 6; k++)
            {
                // Pairs (0,1), (1,2), (2,0), twice: each instance holds four HAVIPs, within its five.
                vips.Add(await _world.Api.HaVipAsync(subnet, instanceIds: [instances[k % 3].Id, instances[(k + 1) % 3].Id], name: $"s{s}v{k}"));
            }
        }
        return vips;
    }

    private Task<HealthRecorder.Round> CountedRoundAsync(int size) =>
        _commands.CountAsync(() => _app.ScopedAsync(sp => sp.GetRequiredService<HealthRecorder>().RecordDueAsync(Now, size, TestContext.Current.CancellationToken)));

    private Task<int> RecordNowAsync(string vipId) =>
        _app.ScopedAsync(sp => sp.GetRequiredService<HealthRecorder>().RecordAsync(vipId, Now, TestContext.Current.CancellationToken));

    private Task<DateTime?> DueAsync(string vipId) => _app.ScopedAsync(sp =>
        sp.GetRequiredService<HaVipDbContext>().HaVips.IgnoreQueryFilters().Where(h => h.Id == vipId).Select(h => h.HealthDueAt).SingleAsync());

    private static string Show(IEnumerable<string> commands) => string.Join(Environment.NewLine + "--" + Environment.NewLine, commands);

    [GeneratedRegex(@"ORDER BY ""?h""?\.""HealthDueAt""\s+LIMIT")]
    private static partial Regex DueOrder();
}
