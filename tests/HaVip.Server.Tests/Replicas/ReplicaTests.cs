using System.Diagnostics;
using System.Net;

namespace HaVip.Server.Tests.Replicas;

/// <summary>Not run beside other tests: one of them restarts PostgreSQL.</summary>
[CollectionDefinition(nameof(ReplicaCollection), DisableParallelization = true)]
public sealed class ReplicaCollection;

/// <summary>Several control-plane replicas over one PostgreSQL: the rules hold under races and faults.</summary>
[Collection(nameof(ReplicaCollection))]
public sealed class ReplicaTests
{
    [Fact]
    public async Task TwoReplicas_HammeredFor30s_KeepEveryRuleAndEveryAcknowledgedWrite()
    {
        await using var cluster = await ReplicaCluster.StartAsync();
        var (subnet, instances) = await cluster.InventoryAsync(6);
        var hammer = new Hammer(cluster.Replicas.Select(r => r.Address).ToArray(), subnet, instances);

        await hammer.RunAsync(clients: 8, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        hammer.Statuses.Keys.Should().OnlyContain(s => s < 500, "no race may surface as a server error");
        hammer.Statuses.Keys.Should().Contain(409, "the instance quota must have been contended");
        hammer.TransportErrors.Should().Be(0);
        await hammer.VerifyAsync(cluster.Replicas[0].Address);
        await hammer.VerifyAsync(cluster.Replicas[1].Address);
        (await Task.WhenAll(cluster.Replicas.Select(ReplicaCluster.IsLeaderAsync))).Count(l => l).Should().Be(1, "exactly one replica leads");
    }

    [Fact]
    public async Task LeaderKilledUnderLoad_OtherServesTakesLeadershipAndLosesNothing()
    {
        await using var cluster = await ReplicaCluster.StartAsync();
        var (subnet, instances) = await cluster.InventoryAsync(6);
        var leader = await WaitForLeaderAsync(cluster.Replicas);
        var survivor = cluster.Replicas.Single(r => r != leader);
        var hammer = new Hammer(cluster.Replicas.Select(r => r.Address).ToArray(), subnet, instances);

        var load = hammer.RunAsync(clients: 6, TimeSpan.FromSeconds(12), TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        leader.Kill();
        var killedAt = Stopwatch.StartNew();
        while (!await ReplicaCluster.IsLeaderAsync(survivor))
        {
            killedAt.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "leadership moves within a few seconds");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        var takeover = killedAt.Elapsed;
        await load;

        takeover.Should().BeLessThan(TimeSpan.FromSeconds(5));
        hammer.Statuses.Keys.Should().OnlyContain(s => s < 500);
        (hammer.Statuses.GetValueOrDefault(200) + hammer.Statuses.GetValueOrDefault(201)).Should().BeGreaterThan(0);
        await hammer.VerifyAsync(survivor.Address);
    }

    [Fact]
    public async Task PostgresRestartedUnderLoad_FailsCleanlyWith503ThenRecovers()
    {
        await using var cluster = await ReplicaCluster.StartAsync();
        var (subnet, instances) = await cluster.InventoryAsync(6);
        var hammer = new Hammer(cluster.Replicas.Select(r => r.Address).ToArray(), subnet, instances);

        var load = hammer.RunAsync(clients: 4, TimeSpan.FromSeconds(14), TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        await RestartPostgresAsync();
        await load;

        hammer.Statuses.Keys.Should().Contain(503, "requests during the restart must have failed, cleanly");
        hammer.Statuses.Keys.Should().OnlyContain(s => s < 500 || s == 503, "the only server error is a clean 503");
        hammer.BadUnavailable.Should().BeEmpty("every 503 is a problem with Retry-After");
        hammer.TransportErrors.Should().Be(0, "the replicas keep answering while the database is away");
        foreach (var replica in cluster.Replicas)
        {
            using var http = replica.Client();
            (await http.GetAsync("/v1/havips?pageSize=1")).StatusCode.Should().Be(HttpStatusCode.OK, "recovered without a server restart");
        }
        await hammer.VerifyAsync(cluster.Replicas[1].Address);
    }

    private static async Task<ServerProcess> WaitForLeaderAsync(ServerProcess[] replicas)
    {
        for (var i = 0; i < 100; i++)
        {
            foreach (var replica in replicas)
            {
                if (await ReplicaCluster.IsLeaderAsync(replica))
                {
                    return replica;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("no replica became leader");
    }

    /// <summary>Restarts the local PostgreSQL cluster that .ci/run started (root only).</summary>
    private static async Task RestartPostgresAsync()
    {
        var list = Process.Start(new ProcessStartInfo("pg_lsclusters", "--no-header") { RedirectStandardOutput = true })!;
        var cluster = (await list.StandardOutput.ReadToEndAsync()).Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await list.WaitForExitAsync();
        var restart = Process.Start(new ProcessStartInfo("pg_ctlcluster", $"{cluster[0]} {cluster[1]} restart -m fast"))!;
        await restart.WaitForExitAsync();
        restart.ExitCode.Should().Be(0, "pg_ctlcluster restart must work (run as root)");
    }
}
