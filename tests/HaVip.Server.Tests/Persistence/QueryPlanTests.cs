using HaVip.Server.Persistence;
using HaVip.Server.Tests.Agents;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// Queries inside every change's write read what the change touches, not whole tables: SQLite's
/// own plan (EXPLAIN QUERY PLAN) says so, and the answer is still right. On PostgreSQL the plan is
/// the planner's business (statistics decide it), so only the answer is checked there.
/// </summary>
public sealed class QueryPlanTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new() { Settings = new Dictionary<string, string> { ["HaVip:HostStaleAfter"] = "01:00:00" } };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task HostsOfSubnet_SearchesTheSubnetsNics_NeverScansInstances()
    {
        var world = new AgentWorld(_app);
        var (_, _, _, subnet) = await world.TwoHostsAsync();
        // A third host in another subnet: not one of the subnet's hosts.
        await world.RegisterAsync("hv3", "10.255.0.13");
        var (vpc, other) = await world.Api.NetworkAsync();
        await world.Api.InstanceAsync(vpc.Id, other.Id, host: "hv3", name: "c");

        var (hosts, plan) = await _app.ScopedAsync(async sp =>
        {
            var db = sp.GetRequiredService<HaVipDbContext>();
            var found = await db.HostsOfSubnetAsync(subnet.Id, CancellationToken.None);
            return (found, TestDatabase.UsesPostgres ? [] : await SqlitePlanAsync(db, db.HostsOfSubnet(subnet.Id)));
        });

        hosts.Should().BeEquivalentTo(["hv1", "hv2"]);
        if (TestDatabase.UsesPostgres)
        {
            return;
        }
        plan.Should().NotBeEmpty();
        // Every table is read by key: no scan, and no range over an index either (instances "Host>?" is every placed instance).
        plan.Where(step => step.StartsWith("SCAN", StringComparison.Ordinal) || step.StartsWith("SEARCH", StringComparison.Ordinal))
            .Should().OnlyContain(step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains("=?", StringComparison.Ordinal),
                $"a change's hosts are read through the subnet's NICs, not over every instance; the plan was: {string.Join(" | ", plan)}");
        plan.Should().Contain(step => step.StartsWith("SEARCH n ", StringComparison.Ordinal) && step.Contains("SubnetId=?", StringComparison.Ordinal),
            $"the plan starts from the subnet's NICs; it was: {string.Join(" | ", plan)}");
    }

    private static async Task<System.Data.Common.DbDataReader> Explain(System.Data.Common.DbCommand command, string text)
    {
        try
        {
            return await command.ExecuteReaderAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"EXPLAIN failed for: {text}", e);
        }
    }

    /// <summary>The steps of SQLite's plan for <paramref name="query"/> (its parameters left unbound: the plan does not depend on them).</summary>
    private static async Task<List<string>> SqlitePlanAsync<T>(HaVipDbContext db, IQueryable<T> query)
    {
        // ToQueryString puts the parameters' values before the statement and may add a note after it, each apart by a blank line.
        var text = query.ToQueryString().ReplaceLineEndings("\n");
        var sql = text.Split("\n\n").First(part => part.StartsWith("SELECT", StringComparison.Ordinal));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            var steps = new List<string>();
            await using var reader = await Explain(command, text);
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }
            return steps;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
