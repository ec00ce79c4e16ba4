using HaVip.Contracts.Api;
using HaVip.Contracts.Client;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// Two server replicas on one PostgreSQL database, the agents spread over them (hv1 and hv3 on
/// replica A, hv2 on replica B): a change made through one replica reaches an agent attached to
/// the other and is applied in its host's kernel, and every replica lists every host. Needs
/// PostgreSQL (HAVIP_TEST_POSTGRES) besides root: without it the test fails with the reason, and
/// scripts/test.sh leaves it out of a run without PostgreSQL (under CI=true that run fails).
/// </summary>
public sealed class TwoReplicaTests : IAsyncLifetime
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(30);
    private TestDatabase? _database;
    private TestBed? _bed;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestBed Bed => _bed ?? throw new InvalidOperationException("the lab did not start");

    public async ValueTask InitializeAsync()
    {
        if (Privileges.WhyNoLab() is { } why)
        {
            throw new InvalidOperationException($"end-to-end tests need network namespaces: {why}");
        }
        if (!TestDatabase.UsesPostgres)
        {
            throw new InvalidOperationException($"the two-replica lab needs PostgreSQL: set {TestDatabase.PostgresVariable} (.ci/run does)");
        }
        _database = new TestDatabase();
        var stateDir = Path.Combine(Path.GetTempPath(), "havip-e2e2-" + Guid.NewGuid().ToString("N")[..8]);
        _bed = await TestBed.UpAsync(LabSpec.Demo(stateDir) with { Database = _database.ConnectionString, Replicas = 2 }, null, _ => { }, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bed is not null)
        {
            await _bed.DownAsync();
            if (Environment.GetEnvironmentVariable("HAVIP_LAB_KEEP_LOGS") != "1")
            {
                _bed.DeleteState();
            }
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ChangeThroughReplicaB_ReachesAgentOfReplicaA_AndReplicaBServesItOnceAStops()
    {
        using var a = Bed.ReplicaApi(0);
        using var b = Bed.ReplicaApi(1);
        foreach (var (name, api) in new[] { ("A", a), ("B", b) })
        {
            var hosts = await Eventually.GetAsync(() => api.ListHostsAsync(null, PageRequest.None, Ct),
                p => p.Items.Count(h => h.State == HostState.Ready) == 3, Converge, $"every host ready on replica {name}");
            hosts.Items.Select(h => h.Name).Should().Equal("hv1", "hv2", "hv3");
        }

        // havip-01 runs on hv1, whose agent registered through and polls replica A; havip-02 on hv2 (replica B).
        var subnet = (await Bed.SubnetsAsync(Ct)).First(s => s.Type == NetworkType.Internal);
        var vip = await b.CreateHaVipAsync(new CreateHaVipRequest("two-replicas", NetworkType.Internal, subnet.Id,
            InstanceIds: [Bed.InstanceId("havip-01"), Bed.InstanceId("havip-02")]), Ct);

        // Available only once every host of the subnet acknowledged it: hv1 and hv3 through A, hv2 through B.
        await Eventually.GetAsync(() => a.GetHaVipAsync(vip.Id, Ct), v => v.Status == HaVipState.Available, Converge, "available, read through A");
        var ruleset = await Bed.RulesetAsync("hv1", handles: false, Ct);
        ruleset.Should().Contain(vip.IpAddress, "hv1's agent applied the change made through replica B");

        // Replica A stops: hv1's agent moves to B, the next server it names, which serves the host
        // it never registered (hosts are rows) with the change made next.
        await Bed.StopReplicaAsync(0);
        (await b.Http.DeleteAsync($"/v1/havips/{vip.Id}", Ct)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => Bed.RulesetAsync("hv1", handles: false, Ct), r => !r.Contains(vip.IpAddress, StringComparison.Ordinal), Converge,
            "hv1's ruleset without the deleted HAVIP, served by replica B");
        (await b.GetHostAsync("hv1", Ct)).State.Should().Be(HostState.Ready);
    }
}
