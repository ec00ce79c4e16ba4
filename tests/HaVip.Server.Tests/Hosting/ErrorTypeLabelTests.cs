using HaVip.Server.Hosting;
using HaVip.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Hosting;

/// <summary>/metrics names no .NET exception type: every one counts as "exception"; other error types stay.</summary>
public sealed class ErrorTypeLabelTests
{
    [Fact]
    public async Task Metrics_CountAnUnhandledException_AsOneGenericErrorType()
    {
        await using var app = new HaVipApp();
        using var throwing = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ThrowingPath())));
        var api = new ApiClient(throwing.CreateClient().WithKey());

        (await api.Http.GetAsync(ThrowingPath.Path)).StatusCode.Should().Be(System.Net.HttpStatusCode.InternalServerError);
        // The hosting layer records a request's duration once the request ends on the server,
        // which may be after the client has read the response: wait for the 500's sample.
        var text = await Eventually.GetAsync(() => api.Http.GetStringAsync("/metrics"),
            t => t.Contains("http_response_status_code=\"500\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            "the duration sample of the request answered 500");

        text.Should().MatchRegex("""http_server_request_duration_seconds_count\{error_type="exception",http_request_method="GET",http_response_status_code="500"[^}]*\} 1""");
        text.Should().NotContain("NullReference").And.NotContain("System.");
    }

    [Fact]
    public async Task Generalize_KeepsErrorTypesThatAreNoTypeNames_AndTagsAThrownRequest()
    {
        var kept = await TagsAfterAsync(_ => Task.CompletedTask, ("error.type", "connection_reset"), ("http.route", "/x"));
        var renamed = await TagsAfterAsync(_ => Task.CompletedTask, ("error.type", "HaVip.Storage.SomethingException"));
        var thrown = await TagsAfterAsync(_ => throw new InvalidOperationException("boom"));

        kept.Should().BeEquivalentTo("error.type=connection_reset", "http.route=/x");
        renamed.Should().Equal("error.type=exception");
        thrown.Should().Equal("error.type=exception");
    }

    private static async Task<List<string>> TagsAfterAsync(RequestDelegate next, params (string Key, string Value)[] tags)
    {
        var metrics = new MetricsTags();
        foreach (var (key, value) in tags)
        {
            metrics.Tags.Add(new(key, value));
        }
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpMetricsTagsFeature>(metrics);
        try
        {
            await new GenericErrorTypes(next).InvokeAsync(context);
        }
        catch (InvalidOperationException)
        {
            // Thrown on to the hosting layer, which records the tags as they are now.
        }
        return [.. metrics.Tags.Select(t => $"{t.Key}={t.Value}")];
    }

    private sealed class MetricsTags : IHttpMetricsTagsFeature
    {
        public ICollection<KeyValuePair<string, object?>> Tags { get; } = [];

        public bool MetricsDisabled { get; set; }
    }

    /// <summary>A path that throws a NullReferenceException behind the server's own pipeline (no endpoint has it).</summary>
    private sealed class ThrowingPath : IStartupFilter
    {
        public const string Path = "/test-only/throws";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, rest) => context.Request.Path == Path ? throw new NullReferenceException("a bug") : rest(context));
        };
    }
}
