using System.Diagnostics.Metrics;

namespace HaVip.Observability.Tests;

public sealed class ErrorTypeLabelTests
{
    [Fact]
    public void Render_ExceptionTypeNames_AreNotExported_OtherErrorTypesAre()
    {
        var meterName = "test." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        using var exporter = new PrometheusExporter([meterName]);
        var requests = meter.CreateCounter<long>("requests");

        requests.Add(1, new KeyValuePair<string, object?>("error.type", "System.NullReferenceException"), new("status", "500"));
        requests.Add(1, new KeyValuePair<string, object?>("error.type", "HaVip.Storage.SomethingException"), new("status", "500"));
        requests.Add(1, new KeyValuePair<string, object?>("error.type", "connection_reset"), new("status", "0"));

        var text = exporter.Render();

        text.Should().NotContain("NullReference").And.NotContain("HaVip.Storage");
        text.Should().Contain("requests_total{error_type=\"exception\",status=\"500\"} 2\n", "every exception type counts as one");
        text.Should().Contain("requests_total{error_type=\"connection_reset\",status=\"0\"} 1\n");
    }
}
