using System.Net;
using System.Text.RegularExpressions;
using HaVip.Agent.Arp;
using HaVip.Agent.Metrics;

namespace HaVip.Agent.Tests.Metrics;

/// <summary>
/// What dashboards read from an agent: every metric name, its type and its label names, scraped
/// over HTTP from the agent's own endpoint. A change of exporter must keep all of it.
/// </summary>
public sealed partial class MetricsEndpointTests
{
    private static readonly string[] ApplyBuckets = ["0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"];

    [Fact]
    public async Task Scrape_AfterEachKindOfEvent_ExportsTodaysNamesTypesAndLabels()
    {
        // Its own meter: other tests in this process record applies through agents of their own.
        using var metrics = new AgentMetrics($"{AgentMetrics.DefaultMeterName}.{Guid.NewGuid():N}");
        var refreshes = 0;
        var port = ServerProcess.FreePort();
        // As the agent runs in the lab (--metrics 0.0.0.0:9100), scraped on loopback.
        await using var endpoint = MetricsEndpoint.Start(new IPEndPoint(IPAddress.Any, port), metrics, _ =>
        {
            // What DropCounters does before a scrape: the kernel's counters, read fresh.
            refreshes++;
            metrics.SetDrops("vm-port-1", "arp_ip", 7 * refreshes);
            return Task.CompletedTask;
        });
        metrics.Applied(complete: true, TimeSpan.FromMilliseconds(3));
        metrics.Applied(complete: false, TimeSpan.FromMilliseconds(300));
        metrics.Verdict(ClaimVerdictKind.Holder);
        metrics.Verdict(ClaimVerdictKind.Spoof);
        metrics.HolderChanged();

        var text = await ScrapeAsync(port);

        Types(text).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["havip_agent_applies_total"] = "counter",
            ["havip_agent_apply_duration_seconds"] = "histogram",
            ["havip_agent_arp_verdicts_total"] = "counter",
            ["havip_agent_holder_changes_total"] = "counter",
            ["havip_agent_drops_total"] = "counter",
        });
        Samples(text).Should().Contain([
            "havip_agent_applies_total{result=ok} 1",
            "havip_agent_applies_total{result=error} 1",
            "havip_agent_arp_verdicts_total{verdict=Holder} 1",
            "havip_agent_arp_verdicts_total{verdict=Spoof} 1",
            "havip_agent_holder_changes_total{} 1",
            "havip_agent_apply_duration_seconds_count{} 2",
            "havip_agent_apply_duration_seconds_bucket{le=0.005} 1",
            "havip_agent_apply_duration_seconds_bucket{le=0.5} 2",
            "havip_agent_drops_total{port=vm-port-1,reason=arp_ip} 7",
        ]);
        Samples(text).Where(s => s.StartsWith("havip_agent_apply_duration_seconds_bucket", StringComparison.Ordinal))
            .Select(s => BucketBound().Match(s).Groups[1].Value).Should().Equal(ApplyBuckets);
        Samples(await ScrapeAsync(port)).Should().Contain("havip_agent_drops_total{port=vm-port-1,reason=arp_ip} 14", "each scrape reads the kernel's counters again");
    }

    private static async Task<string> ScrapeAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/metrics");
        // As the lab scrapes from inside the host's namespace: any Host header is answered.
        request.Headers.Host = "agent";
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return text;
    }

    /// <summary>Every agent metric family and its TYPE.</summary>
    private static Dictionary<string, string> Types(string text) =>
        TypeLine().Matches(text).Where(m => m.Groups[1].Value.StartsWith("havip_agent_", StringComparison.Ordinal))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    /// <summary>Every agent sample as "name{label=value,…} value", labels sorted and unquoted, so label sets compare exactly.</summary>
    private static List<string> Samples(string text) =>
        [.. SampleLine().Matches(text).Where(m => m.Groups[1].Value.StartsWith("havip_agent_", StringComparison.Ordinal)).Select(m =>
        {
            var labels = LabelPair().Matches(m.Groups[2].Value).Select(p => $"{p.Groups[1].Value}={p.Groups[2].Value}").Order(StringComparer.Ordinal);
            return $"{m.Groups[1].Value}{{{string.Join(',', labels)}}} {m.Groups[3].Value}";
        })];

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? (\S+)(?: \d+)?$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    [GeneratedRegex(@"le=([^,}]+)")]
    private static partial Regex BucketBound();
}
