using System.Diagnostics;
using HaVip.Contracts.Agents;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HaVip.Agent.Sync;

/// <summary>
/// The agent's traces: each apply of a desired state (and its ack, posted inside it or carried on the next poll under it) joins the
/// trace of the change it carries. Exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set; otherwise nothing listens and an apply starts no activity.
/// </summary>
internal static class ApplyTracing
{
    public const string SourceName = "HaVip.Agent";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// The apply's activity: a child of the newest change's write; the other changes applied at
    /// once (the agent was behind) are links. No parent when the server sent no traceparent.
    /// </summary>
    public static Activity? StartApply(DesiredStateDto state)
    {
        var changes = (state.TraceParents ?? [])
            .Select(p => ActivityContext.TryParse(p, null, out var context) ? context : default)
            .Where(c => c != default).ToArray();
        var parent = changes.Length > 0 ? changes[^1] : default;
        var links = changes.SkipLast(1).Select(c => new ActivityLink(c));
        var activity = Source.StartActivity("apply", ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("havip.host", state.Host);
        activity?.SetTag("havip.change.sequence", state.Sequence);
        return activity;
    }

    /// <summary>
    /// An ack carried on the next poll (<c>applied=N</c>): its own activity under the apply's, so the
    /// poll's request carries the apply's trace; it lasts as long as that poll.
    /// </summary>
    public static Activity? StartAck(ActivityContext apply, long sequence)
    {
        var activity = Source.StartActivity("ack", ActivityKind.Producer, apply);
        activity?.SetTag("havip.change.sequence", sequence);
        return activity;
    }

    /// <summary>The OTLP exporter when the environment names an endpoint; null (no tracing) otherwise.</summary>
    public static TracerProvider? StartExporter() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpoint))
            ? null
            : Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(r => r.AddService("havip-agent"))
                .AddSource(SourceName)
                .AddOtlpExporter()
                .Build();
}
