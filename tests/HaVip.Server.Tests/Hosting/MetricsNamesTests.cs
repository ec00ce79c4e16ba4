using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HaVip.Server.Persistence;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Hosting;

/// <summary>
/// What dashboards read from the server's /metrics: every metric name, its type and its label
/// set, as the hand-written exporter rendered them before the OpenTelemetry SDK replaced it.
/// A real server process, so that Kestrel's connection metrics are there too.
/// </summary>
public sealed partial class MetricsNamesTests
{
    private static readonly string[] Buckets = ["0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"];

    /// <summary>The write gate's own, finer buckets (<see cref="WriteGateMetrics.Buckets"/>).</summary>
    private static readonly string[] GateBuckets = [.. WriteGateMetrics.Buckets.Select(b => b.ToString(CultureInfo.InvariantCulture)), "+Inf"];

    private const string Request = "http_request_method,http_response_status_code,http_route,network_protocol_version,url_scheme";
    private const string Connection = "network_protocol_name,network_protocol_version,network_transport,network_type,server_address,server_port";
    private const string Listener = "network_transport,network_type,server_address,server_port";

    /// <summary>Name → type, and each sample's name with its sorted label keys.</summary>
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["dotnet_gc_collections_total"] = "counter",
        ["dotnet_gc_heap_total_allocated_bytes_total"] = "counter",
        ["dotnet_gc_pause_time_seconds_total"] = "counter",
        ["havip_agent_polls_waiting"] = "gauge",
        ["havip_audit_queue_depth"] = "gauge",
        ["havip_audit_queue_waits_total"] = "counter",
        ["havip_havips"] = "gauge",
        ["havip_havips_by_finding"] = "gauge",
        ["havip_hosts"] = "gauge",
        ["havip_leader"] = "gauge",
        ["havip_write_held_seconds"] = "histogram",
        ["havip_write_wait_seconds"] = "histogram",
        ["http_server_active_requests"] = "gauge",
        ["http_server_request_duration_seconds"] = "histogram",
        ["kestrel_active_connections"] = "gauge",
        ["kestrel_connection_duration_seconds"] = "histogram",
        ["kestrel_queued_connections"] = "gauge",
    };

    private static readonly string[] Samples =
    [
        "dotnet_gc_collections_total{gc_heap_generation}",
        "dotnet_gc_heap_total_allocated_bytes_total{}",
        "dotnet_gc_pause_time_seconds_total{}",
        "havip_agent_polls_waiting{}",
        "havip_audit_queue_depth{}",
        "havip_audit_queue_waits_total{}",
        "havip_havips{status}",
        "havip_havips_by_finding{finding}",
        "havip_hosts{state}",
        "havip_leader{}",
        "havip_write_held_seconds_bucket{kind,le,outcome}",
        "havip_write_held_seconds_count{kind,outcome}",
        "havip_write_held_seconds_sum{kind,outcome}",
        "havip_write_wait_seconds_bucket{kind,le}",
        "havip_write_wait_seconds_count{kind}",
        "havip_write_wait_seconds_sum{kind}",
        "http_server_active_requests{http_request_method,url_scheme}",
        $"http_server_request_duration_seconds_bucket{{{Request},le}}",
        $"http_server_request_duration_seconds_bucket{{error_type,{Request},le}}",
        $"http_server_request_duration_seconds_count{{{Request}}}",
        $"http_server_request_duration_seconds_count{{error_type,{Request}}}",
        $"http_server_request_duration_seconds_sum{{{Request}}}",
        $"http_server_request_duration_seconds_sum{{error_type,{Request}}}",
        $"kestrel_active_connections{{{Listener}}}",
        $"kestrel_connection_duration_seconds_bucket{{{Connection},le}}",
        $"kestrel_connection_duration_seconds_count{{{Connection}}}",
        $"kestrel_connection_duration_seconds_sum{{{Connection}}}",
        $"kestrel_queued_connections{{{Listener}}}",
    ];

    [Fact]
    public async Task Metrics_ShowTheNamesTypesAndLabelSetsDashboardsRead()
    {
        await using var server = await ServerProcess.StartAsync(new ServerStart());
        using (var once = new HttpClient { BaseAddress = server.Address }.WithKey())
        {
            // A connection that closes, so that Kestrel records its duration.
            once.DefaultRequestHeaders.ConnectionClose = true;
            (await once.GetAsync("/v1/havips")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        using var http = server.Client();
        var api = new ApiClient(http);
        (await api.PostRawAsync("/v1/vpcs", "{\"name\": ")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        // A write through the one writer, so that its wait and hold are recorded.
        (await api.PostRawAsync("/v1/vpcs", "{\"name\": \"metrics\", \"cidr\": \"10.0.0.0/16\"}")).StatusCode.Should().Be(HttpStatusCode.Created);
        // Once a 500 from a NullReferenceException: whatever it answers, its error type stays generic.
        await api.PostRawAsync("/v1/instances", "{\"name\":\"vm\",\"vpcId\":\"vpc-abcd1234\",\"nics\":[null]}");

        var text = await Eventually.GetAsync(() => http.GetStringAsync("/metrics"),
            t => t.Contains("kestrel_connection_duration_seconds_count", StringComparison.Ordinal)
                && t.Contains("havip_write_held_seconds_count{kind=\"change\",outcome=\"committed\"}", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            "Kestrel's duration of the closed connection and the VPC's write at the writer");
        var (types, samples, les) = Parse(text);
        var known = Samples.Select(Sorted).ToArray();

        types.Should().BeEquivalentTo(Types);
        samples.Should().BeSubsetOf(known, "no name or label set that dashboards do not know");
        samples.Should().Contain(known.Where(s => !s.Contains("error_type", StringComparison.Ordinal)));
        les.Should().OnlyContain(l => l.Key.StartsWith("havip_write_", StringComparison.Ordinal) ? GateBuckets.Contains(l.Value) : Buckets.Contains(l.Value),
                "the buckets of every histogram are the ones dashboards read; the write gate's are its own")
            .And.Contain(l => l.Key.StartsWith("http_server", StringComparison.Ordinal) && l.Value == "0.0025")
            .And.Contain(l => l.Key == "havip_write_wait_seconds_bucket" && l.Value == "0.0015");
        text.Should().NotContain("System.").And.NotContain("Exception");
        text.Should().Contain("havip_havips{status=\"creating\"} 0").And.Contain("havip_havips{status=\"deleting\"} 0");
        text.Should().Contain("havip_havips_by_finding{finding=\"split-brain\"} 0").And.Contain("havip_havips_by_finding{finding=\"host-stale\"} 0");
        text.Should().Contain("havip_hosts{state=\"ready\"} 0").And.Contain("havip_hosts{state=\"unknown\"} 0");
        // The GC's, which a benchmark reads per phase: collections of every generation, pauses, allocation.
        text.Should().Contain("dotnet_gc_collections_total{gc_heap_generation=\"gen0\"}").And.Contain("dotnet_gc_collections_total{gc_heap_generation=\"gen2\"}");
    }

    [Fact]
    public async Task Metrics_OfOneServer_OutliveAnotherServerInTheSameProcess()
    {
        await using var stays = new HaVipApp();
        var api = stays.Api;
        (await api.Http.GetAsync("/v1/havips")).EnsureSuccessStatusCode();
        await using (var goes = new HaVipApp())
        {
            (await goes.Api.Http.GetAsync("/v1/vpcs")).EnsureSuccessStatusCode();
        }

        // A request's duration is recorded once it ends on the server, maybe after its answer arrived.
        var text = await Eventually.GetAsync(() => api.Http.GetStringAsync("/metrics"),
            t => t.Contains("http_route=\"/v1/havips/\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            "the duration sample of GET /v1/havips");

        // Meters of the same names in both: the other's shutdown once ended this one's series too.
        text.Should().Contain("http_route=\"/v1/havips/\"").And.Contain("havip_havips{status=\"available\"} 0");
        text.Should().NotContain("http_route=\"/v1/vpcs/\"", "the other server's requests are not this one's");
    }

    private static (Dictionary<string, string> Types, HashSet<string> Samples, List<KeyValuePair<string, string>> Les) Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new HashSet<string>(StringComparer.Ordinal);
        var les = new List<KeyValuePair<string, string>>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
                continue;
            }
            if (line.StartsWith('#'))
            {
                continue;
            }
            var sample = SampleLine().Match(line);
            sample.Success.Should().BeTrue($"'{line}' is a sample line");
            var labels = LabelPair().Matches(sample.Groups["labels"].Value).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            samples.Add(Sorted($"{sample.Groups["name"].Value}{{{string.Join(',', labels.Keys)}}}"));
            if (labels.TryGetValue("le", out var le))
            {
                les.Add(new(sample.Groups["name"].Value, le));
            }
        }
        return (types, samples, les);
    }

    /// <summary>"name{b,a}" as "name{a,b}".</summary>
    private static string Sorted(string sample)
    {
        var brace = sample.IndexOf('{', StringComparison.Ordinal);
        var keys = sample[(brace + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        return $"{sample[..brace]}{{{string.Join(',', keys)}}}";
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? \S+( \d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
