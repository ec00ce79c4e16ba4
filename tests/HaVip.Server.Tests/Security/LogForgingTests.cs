using System.Collections.Concurrent;
using System.Net;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HaVip.Server.Tests.Security;

/// <summary>What a request puts in a log line (path, query values) cannot start a line of its own.</summary>
public sealed class LogForgingTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    [Theory]
    [InlineData("%0A")]
    [InlineData("%0D%0A")]
    [InlineData("%E2%80%A8")]
    public async Task NewlineInTheQuery_IsEscapedInTheLog(string newline)
    {
        var logs = await LogsOfAsync(c => c.GetAsync($"/v1/havips?pageSize=1{newline}forged:%20admin%20key%20accepted"));

        ExpectEscaped(logs);
    }

    private async Task<List<string>> LogsOfAsync(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var logs = new CapturingLoggerProvider();
        using var server = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        using var client = server.CreateClient().WithKey();

        var response = await send(client);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        return [.. logs.Messages];
    }

    private static void ExpectEscaped(List<string> logs)
    {
        var quoting = logs.Where(m => m.Contains("forged", StringComparison.Ordinal)).ToList();
        quoting.Should().NotBeEmpty("the refusal is logged with what the request said; logged: {0}", string.Join(" | ", logs));
        quoting.Should().OnlyContain(m => !HasLineBreak(m), "a line break from the request would start a forged line");
        quoting.Should().OnlyContain(m => m.Contains("forged: admin key accepted", StringComparison.Ordinal) && m.Contains("\\"), "the line break is shown escaped");
    }

    private static bool HasLineBreak(string message) => message.IndexOfAny(['\n', '\r', '\u2028']) >= 0;

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception));
        }
    }
}
