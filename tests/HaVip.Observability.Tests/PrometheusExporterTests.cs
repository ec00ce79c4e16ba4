using System.Diagnostics.Metrics;

namespace HaVip.Observability.Tests;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Render_CounterHistogramAndGauge_InTextExpositionFormat()
    {
        var meterName = "test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter([meterName]);
        var applies = meter.CreateCounter<long>("agent.applies", description: "applies");
        var latency = meter.CreateHistogram<double>("agent.apply.duration", "s");
        var level = 7;
        meter.CreateObservableGauge("agent.ports", () => level);

        applies.Add(2, new KeyValuePair<string, object?>("result", "ok"));
        applies.Add(3, new KeyValuePair<string, object?>("result", "ok"));
        applies.Add(1, new KeyValuePair<string, object?>("result", "error \"x\""));
        latency.Record(0.003);
        latency.Record(0.2);
        level = 9;

        var text = exporter.Render();

        text.Should().Contain("# TYPE agent_applies_total counter\n");
        text.Should().Contain("agent_applies_total{result=\"ok\"} 5\n");
        text.Should().Contain("agent_applies_total{result=\"error \\\"x\\\"\"} 1\n", "label values are escaped");
        text.Should().Contain("# TYPE agent_apply_duration_seconds histogram\n");
        text.Should().Contain("agent_apply_duration_seconds_bucket{le=\"0.0025\"} 0\n");
        text.Should().Contain("agent_apply_duration_seconds_bucket{le=\"0.005\"} 1\n");
        text.Should().Contain("agent_apply_duration_seconds_bucket{le=\"+Inf\"} 2\n");
        text.Should().Contain("agent_apply_duration_seconds_count 2\n");
        text.Should().Contain("# TYPE agent_ports gauge\nagent_ports 9\n", "gauges are read at scrape time");
    }

    [Fact]
    public void Render_OtherMeters_AreNotExported()
    {
        using var mine = new Meter("test.mine." + Guid.NewGuid().ToString("N"));
        using var other = new Meter("test.other." + Guid.NewGuid().ToString("N"));
        using var exporter = new PrometheusExporter([mine.Name]);
        other.CreateCounter<long>("foreign.requests").Add(1);
        mine.CreateCounter<long>("own.requests").Add(1);

        var text = exporter.Render();

        text.Should().Contain("own_requests_total 1").And.NotContain("foreign");
    }
}
