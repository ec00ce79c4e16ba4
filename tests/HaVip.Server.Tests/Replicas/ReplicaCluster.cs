using System.Text.RegularExpressions;
using HaVip.Contracts.Api;

namespace HaVip.Server.Tests.Replicas;

/// <summary>Two server processes over one fresh PostgreSQL database, started together (so they race to migrate).</summary>
internal sealed partial class ReplicaCluster : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private ReplicaCluster(TestDatabase database, ServerProcess[] replicas)
    {
        _database = database;
        Replicas = replicas;
    }

    public ServerProcess[] Replicas { get; }

    public string ConnectionString => _database.ConnectionString!;

    /// <param name="args">More arguments for both replicas (settings such as <c>--HaVip:ChangeFeedRecheck=…</c>).</param>
    public static async Task<ReplicaCluster> StartAsync(params string[] args)
    {
        if (!TestDatabase.UsesPostgres)
        {
            throw new InvalidOperationException($"replica tests need PostgreSQL: set {TestDatabase.PostgresVariable} (.ci/run does)");
        }
        var database = new TestDatabase();
        var starts = Enumerable.Range(0, 2).Select(i =>
            ServerProcess.StartAsync(Path.Combine(database.DataDir, $"r{i}"), ["--no-demo", "--database", database.ConnectionString!, .. args])).ToArray();
        try
        {
            return new ReplicaCluster(database, await Task.WhenAll(starts));
        }
        catch
        {
            // One replica failed to start: the ones that did must not outlive the test.
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A VPC, a /24 and <paramref name="count"/> instances in it, made through replica 0.</summary>
    public async Task<(SubnetDto Subnet, string[] Instances)> InventoryAsync(int count)
    {
        using var http = Replicas[0].Client();
        var api = new ApiClient(http);
        var (_, subnet) = await api.NetworkAsync();
        var instances = new List<string>();
        for (var i = 0; i < count; i++)
        {
            instances.Add((await api.InstanceAsync(subnet.VpcId, subnet.Id)).Id);
        }
        return (subnet, [.. instances]);
    }

    public static async Task<bool> IsLeaderAsync(ServerProcess replica)
    {
        using var http = replica.Client();
        var metrics = await http.GetStringAsync("/metrics");
        return LeaderLine().IsMatch(metrics);
    }

    /// <summary>Each replica's last lines of output, for a failure to show what the servers logged.</summary>
    public string LogTails() => string.Join(Environment.NewLine, Replicas.Select((r, i) => $"replica {i}:{Environment.NewLine}{r.LogTail()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    // The OpenTelemetry exporter writes a label-less sample as `havip_leader{} 1`.
    [GeneratedRegex(@"^havip_leader(\{\})? 1$", RegexOptions.Multiline)]
    private static partial Regex LeaderLine();
}
