using System.Diagnostics.Metrics;
using HaVip.Server.Persistence;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HaVip.Server.Hosting;

/// <summary>
/// The server's OpenTelemetry: its metrics, ASP.NET Core's, Kestrel's and the GC's for /metrics always;
/// traces (each request, the write it makes) only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
/// and then over OTLP. Without it no tracer listens, and starting an activity costs nothing.
/// </summary>
public static class ServerTelemetry
{
    /// <summary>The setting (an environment variable) that turns traces on.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Every histogram's buckets, the ones dashboards have read since the first release: a request takes milliseconds, a long poll up to a minute.</summary>
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The runtime's own meter (.NET's built-in metrics), of which only <see cref="RuntimeInstruments"/> are exported.</summary>
    private const string RuntimeMeter = "System.Runtime";

    private static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", HaVipMetrics.MeterName, RuntimeMeter];

    /// <summary>
    /// The GC's collections by generation, its total pause time and the bytes allocated: what a
    /// write holding the one writer can be stopped by (a benchmark reads them per phase). The
    /// runtime meter's other instruments are not exported.
    /// </summary>
    private static readonly string[] RuntimeInstruments = ["dotnet.gc.collections", "dotnet.gc.pause.time", "dotnet.gc.heap.total_allocated"];

    public static WebApplicationBuilder AddHaVipTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("havip-server"))
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .OwnInstrumentsOnly()
                .AddPrometheusExporter(o =>
                {
                    // The text dashboards read: no scope labels, no target_info, each scrape fresh.
                    o.ScopeInfoEnabled = false;
                    o.TargetInfoEnabled = false;
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                }));
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]))
        {
            // The exporter reads the endpoint (and OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS) itself.
            telemetry.WithTracing(tracing => tracing.AddHaVipServerSources().AddOtlpExporter());
        }
        return builder;
    }

    private static MeterProviderBuilder OwnInstrumentsOnly(this MeterProviderBuilder metrics)
    {
        ((IDeferredMeterProviderBuilder)metrics).Configure((services, b) => b.AddView(i => View(i, services.GetRequiredService<IMeterFactory>())));
        return metrics;
    }

    /// <summary>
    /// This host's instruments only, with the buckets dashboards read (the server's own, its advice). The meters are matched by
    /// name, and every server in one process (a test run) has meters of the same names: another
    /// host's would mix into this one's series, and its shutdown would end them here too.
    /// </summary>
    private static MetricStreamConfiguration? View(Instrument instrument, IMeterFactory own) => instrument switch
    {
        { Meter.Scope: IMeterFactory factory } when !ReferenceEquals(factory, own) => MetricStreamConfiguration.Drop,
        { Meter.Name: RuntimeMeter } => RuntimeInstruments.Contains(instrument.Name, StringComparer.Ordinal) ? null : MetricStreamConfiguration.Drop,
        // The server's own instrument that says its buckets (the write gate's, finer) keeps them;
        // ASP.NET Core's and Kestrel's advice gives way to the buckets dashboards have read.
        Histogram<double> { Meter.Name: HaVipMetrics.MeterName, Advice.HistogramBucketBoundaries: { } advised } =>
            new ExplicitBucketHistogramConfiguration { Boundaries = [.. advised] },
        Histogram<double> or Histogram<long> or Histogram<int> => new ExplicitBucketHistogramConfiguration { Boundaries = Buckets },
        _ => null,
    };

    /// <summary>What the server's traces are made of: ASP.NET Core's request activities (the roots) and the server's own.</summary>
    public static TracerProviderBuilder AddHaVipServerSources(this TracerProviderBuilder tracing) =>
        tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
            .AddSource(WriteTracing.SourceName);
}
