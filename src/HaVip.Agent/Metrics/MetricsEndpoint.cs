using System.Net;
using HaVip.Observability;

namespace HaVip.Agent.Metrics;

/// <summary>The agent's /metrics on <paramref name="endpoint"/>, served until disposed; <paramref name="beforeScrape"/> refreshes what is read from the kernel.</summary>
internal sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly PrometheusExporter _exporter = new([AgentMetrics.MeterName]);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private MetricsEndpoint(IPEndPoint endpoint, Func<CancellationToken, Task> beforeScrape) =>
        _serving = new MetricsServer(endpoint, _exporter, beforeScrape).RunAsync(_stop.Token);

    public static MetricsEndpoint Start(IPEndPoint endpoint, AgentMetrics metrics, Func<CancellationToken, Task> beforeScrape)
    {
        _ = metrics;
        return new MetricsEndpoint(endpoint, beforeScrape);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }
        _exporter.Dispose();
        _stop.Dispose();
    }
}
