using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HaVip.Contracts.Api;

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
        // The cluster is stopped below: no earlier test server's database may still be being
        // dropped (TestDatabase.DropInBackground; this collection runs alone, so none starts later).
        await TestDatabase.BackgroundDropsAsync();
        await using var cluster = await ReplicaCluster.StartAsync();
        var (subnet, instances) = await cluster.InventoryAsync(6);
        var hammer = new Hammer(cluster.Replicas.Select(r => r.Address).ToArray(), subnet, instances);

        var load = hammer.RunAsync(clients: 4, TimeSpan.FromSeconds(14), TestContext.Current.CancellationToken);
        await Eventually.GetAsync(() => Task.FromResult(hammer.Statuses.Values.Sum()), n => n >= 20, TimeSpan.FromSeconds(30), "the load's first answers");
        // Stopped, then started, rather than restarted: a restart under load can fall between two
        // requests (one CI run saw no 503 at all), so each replica is asked while the database is
        // down. Those answers are the evidence that the outage was seen, and how.
        var whileDown = new List<string>();
        await PostgresAsync("stop");
        try
        {
            foreach (var replica in cluster.Replicas)
            {
                using var http = replica.Client();
                foreach (var response in new[]
                {
                    await http.GetAsync("/v1/havips?pageSize=1"),
                    await http.PostAsJsonAsync("/v1/havips", new CreateHaVipRequest("while-down", NetworkType.Internal, subnet.Id), ApiClient.Json),
                })
                {
                    whileDown.Add($"{response.RequestMessage!.Method} {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} retry-after={response.Headers.RetryAfter}");
                }
            }
        }
        finally
        {
            await PostgresAsync("start");
        }
        await load;

        whileDown.Should().HaveCount(4).And.OnlyContain(a => a.Contains(" 503 application/problem+json retry-after=", StringComparison.Ordinal) && !a.EndsWith('='),
            "a replica answers a request that needs the database, while it is down, with a clean 503: a problem with Retry-After");
        hammer.ServerErrors.Should().BeEmpty($"the only server error is a clean 503; the replicas logged:{Environment.NewLine}{cluster.LogTails()}");
        hammer.Statuses.Keys.Should().OnlyContain(s => s < 500 || s == 503, "the only server error is a clean 503");
        hammer.BadUnavailable.Should().BeEmpty("every 503 is a problem with Retry-After");
        hammer.TransportErrors.Should().Be(0, "the replicas keep answering while the database is away");
        foreach (var replica in cluster.Replicas)
        {
            using var http = replica.Client();
            (await http.GetAsync("/v1/havips?pageSize=1")).StatusCode.Should().Be(HttpStatusCode.OK, "recovered without a server restart");
        }
        await hammer.VerifyAsync(cluster.Replicas[1].Address);
        using var check = cluster.Replicas[0].Client();
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await new ApiClient(check).GetAsync<Page<HaVipDto>>($"/v1/havips?subnetId={subnet.Id}&pageSize=100" + (token is null ? "" : $"&pageToken={token}"));
            names.AddRange(page.Items.Select(v => v.Name));
            token = page.NextPageToken;
        }
        while (token is not null);
        names.Should().NotContain("while-down", "a create refused while the database was down left nothing behind");
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

    /// <summary>
    /// Stops or starts the local PostgreSQL cluster the tests use (the one listening on the
    /// connection string's port; .ci/run starts it), root only.
    /// </summary>
    private static async Task PostgresAsync(string action)
    {
        var port = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)).Port;
        var list = Process.Start(new ProcessStartInfo("pg_lsclusters", "--no-header") { RedirectStandardOutput = true })!;
        var clusters = (await list.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        await list.WaitForExitAsync();
        // Columns: version, name, port, status, …
        var cluster = clusters.FirstOrDefault(c => c.Length > 2 && c[2] == port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException($"no local PostgreSQL cluster listens on port {port}: {string.Join("; ", clusters.Select(c => string.Join(' ', c)))}");
        var control = Process.Start(new ProcessStartInfo("pg_ctlcluster", $"{cluster[0]} {cluster[1]} {action}" + (action == "stop" ? " -m fast" : "")))!;
        await control.WaitForExitAsync();
        control.ExitCode.Should().Be(0, $"pg_ctlcluster {action} must work (run as root)");
    }
}
