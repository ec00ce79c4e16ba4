using System.Globalization;
using System.Net;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace HaVip.Agent.Metrics;

/// <summary>
/// The agent's /metrics: the OpenTelemetry SDK reads <see cref="AgentMetrics"/> and its Prometheus
/// exporter serves them on <c>endpoint</c> until disposed. The names, types, label sets and
/// histogram buckets are the ones dashboards have read since the agent's first release: unit and
/// <c>_total</c> suffixes as Prometheus expects, no scope labels, no target_info, no cached answers
/// (each scrape reads the kernel's drop counters again).
/// </summary>
internal sealed class MetricsEndpoint : IAsyncDisposable
{
    /// <summary>The buckets of havip_agent_apply_duration_seconds: an apply takes milliseconds, a slow one seconds.</summary>
    private static readonly double[] ApplyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private const string Path = "/metrics";

    private readonly MeterProvider _provider;

    private MetricsEndpoint(MeterProvider provider) => _provider = provider;

    /// <param name="beforeScrape">Refreshes what is read from the kernel; runs as each scrape collects.</param>
    public static MetricsEndpoint Start(IPEndPoint endpoint, AgentMetrics metrics, Func<CancellationToken, Task> beforeScrape)
    {
        metrics.RefreshDropsWith(beforeScrape);
        var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(metrics.MeterName)
            .AddView(AgentMetrics.ApplyDuration, new ExplicitBucketHistogramConfiguration { Boundaries = ApplyBuckets })
            .AddPrometheusHttpListener(options =>
            {
                var any = endpoint.Address.Equals(IPAddress.Any);
                options.Host = any ? "localhost" : endpoint.Address.ToString();
                options.Port = endpoint.Port;
                options.ScrapeEndpointPath = Path;
                if (any)
                {
                    // Every address, whatever Host the scraper names (the lab's says "agent").
                    options.ConfigureHttpListener = (_, listener) =>
                    {
                        listener.Prefixes.Clear();
                        listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://+:{endpoint.Port}{Path}/"));
                    };
                }
                options.ScopeInfoEnabled = false;
                options.TargetInfoEnabled = false;
                options.ScrapeResponseCacheDurationMilliseconds = 0;
            })
            .Build();
        return new MetricsEndpoint(provider);
    }

    public ValueTask DisposeAsync()
    {
        _provider.Dispose();
        return ValueTask.CompletedTask;
    }
}
