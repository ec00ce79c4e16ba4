extern alias FleetBench;

using System.Text.Json;
using System.Text.RegularExpressions;
using FleetBench::HaVip.Bench.Fleet;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Bench;

/// <summary>
/// The fleet bench seeds the region straight into the database (DirectSeeder) because the
/// API takes about 10 minutes for it (FleetSeeder): what it measures then holds only if both give
/// the same fleet. One placement seeded both ways, on servers whose clocks stand at the same moment,
/// answers the same to every read the API has for it, ids, MACs and event numbers aside.
/// </summary>
public sealed partial class DirectSeedTests
{
    /// <summary>Dense as the region (more HAVIPs than pairs of NICs, instances at up to 5): 12 hosts, 6 subnets of 4 NICs, 30 HAVIPs.</summary>
    private static readonly string[] SmallRegion = ["--hosts", "12", "--instances-per-host", "2", "--hosts-per-subnet", "4", "--havips-per-subnet", "5"];

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DirectSeed_SamePlacementAsTheApiSeed_AnswersTheSameOnceTheDeadlinePassed()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = FleetOptions.Parse(SmallRegion, 12);
        var apiTime = new FakeTimeProvider(Start);
        await using var viaApi = new HaVipApp { Time = apiTime };
        using var apiClient = new HaVipApiClient(viaApi.CreateClient().WithKey());
        await FleetSeeder.SeedAsync(apiClient, options, ct);
        // The deadline service's round once the seeded changes' deadline passed, no agent having acknowledged them.
        apiTime.Advance(DirectSeeder.ApplyDeadline);
        var failed = await viaApi.ScopedAsync(sp => sp.GetRequiredService<DeadlineCheck>().EnforceDeadlinesAsync(apiTime.GetUtcNow().UtcDateTime, ct));
        failed.Should().Be(options.Subnets * options.HaVipsPerSubnet);

        await using var direct = new HaVipApp { Time = new FakeTimeProvider(Start + DirectSeeder.ApplyDeadline) };
        await DirectSeeder.SeedAsync(DatabaseSettings.Resolve(direct.ConnectionString, direct.DataDir), options, Start.UtcDateTime, ct);
        using var directClient = new HaVipApiClient(direct.CreateClient().WithKey());

        var expected = await AnswersAsync(apiClient, ct);
        expected.Should().Contain(line => line.Contains("\"statusReason\":\"not applied by host(s) ", StringComparison.Ordinal), "the API's HAVIPs failed at the deadline");
        var actual = await AnswersAsync(directClient, ct);
        actual.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            // One line at a time: the first that differs is shown whole, beside the API's.
            actual[i].Should().Be(expected[i], "line {0} of the API seed's sorted answers", i);
        }
    }

    /// <summary>
    /// Every subnet, instance, HAVIP (with its timeline) and agent key as JSON lines, sorted, each id
    /// replaced by its resource's name, MACs (random) and event numbers (the order of all writes) left out.
    /// </summary>
    private static async Task<List<string>> AnswersAsync(HaVipApiClient api, CancellationToken ct)
    {
        var vpcs = await AllAsync(t => api.ListVpcsAsync(Page(t), ct));
        var subnets = await AllAsync(t => api.ListSubnetsAsync(null, Page(t), ct));
        var instances = await AllAsync(t => api.ListInstancesAsync(null, null, Page(t), ct));
        var haVips = await AllAsync(t => api.ListHaVipsAsync(new HaVipListFilter(), Page(t), ct));
        var keys = await AllAsync(t => api.ListKeysAsync(null, Page(t), ct));
        var lines = new List<object>();
        lines.AddRange(vpcs);
        lines.AddRange(subnets);
        lines.AddRange(instances);
        // Instances bound at one moment are listed in the order of their ids: by name here.
        var byName = instances.ToDictionary(i => i.Id, i => i.Name);
        lines.AddRange(haVips.Select(h => h with { InstanceIds = [.. h.InstanceIds.OrderBy(id => byName[id], StringComparer.Ordinal)] }));
        foreach (var vip in haVips)
        {
            var events = (await api.EventsAsync(vip.Id, ct)).Select(e => e with { Id = 0, Instances = e.Instances?.OrderBy(id => byName[id], StringComparer.Ordinal).ToList() });
            lines.Add(new { vip.Name, Events = events });
        }
        lines.AddRange(keys.Where(k => k.Role == KeyRole.Agent).Select(k => k with { Id = "", Prefix = "" }));
        var names = vpcs.Select(v => (v.Id, v.Name)).Concat(subnets.Select(s => (s.Id, s.Name)))
            .Concat(instances.Select(i => (i.Id, i.Name))).Concat(haVips.Select(h => (h.Id, h.Name))).ToList();
        return [.. lines.Select(line =>
        {
            var json = Mac().Replace(JsonSerializer.Serialize(line, line.GetType(), JsonSerializerOptions.Web), "\"macAddress\":\"\"");
            var named = names.Aggregate(json, (text, n) => text.Replace(n.Id, $"<{n.Name}>", StringComparison.Ordinal));
            // A timeline message lists instances bound at one moment in the order of their ids: by name here.
            return NameList().Replace(named, m => string.Join(", ", m.Value.Split(", ").Order(StringComparer.Ordinal)));
        }).Order(StringComparer.Ordinal)];
    }

    private static PageRequest Page(string? token) => new(100, token);

    private static async Task<List<T>> AllAsync<T>(Func<string?, Task<Page<T>>> page)
    {
        var items = new List<T>();
        string? token = null;
        do
        {
            var answer = await page(token);
            items.AddRange(answer.Items);
            token = answer.NextPageToken;
        }
        while (token is not null);
        return items;
    }

    [GeneratedRegex("<[^<>\"]+>(, <[^<>\"]+>)+")]
    private static partial Regex NameList();

    [GeneratedRegex("\"macAddress\":\"[^\"]*\"")]
    private static partial Regex Mac();
}
