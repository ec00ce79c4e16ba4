using Microsoft.Playwright;

namespace HaVip.Server.Tests.Browser;

/// <summary>
/// The real server, as a separate process on a free loopback port with a fresh database: a
/// browser cannot reach WebApplicationFactory's in-memory TestServer. Disposing stops it and
/// deletes its data directory, also when the test failed.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly ServerProcess _server;
    private readonly HttpClient _http;
    private readonly List<IBrowserContext> _contexts = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _browserLines = new();

    private ConsoleServer(ServerProcess server)
    {
        _server = server;
        _http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) }.WithKey();
        Api = new ApiClient(_http);
    }

    public Uri BaseUrl => _server.Address;

    public ApiClient Api { get; }

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    public static async Task<ConsoleServer> StartAsync(params string[] extraArgs) =>
        new(await ServerProcess.StartAsync(new ServerStart(
            Args: ["--no-demo", .. extraArgs],
            Environment: new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                // Each event a circuit dispatched and each JS call it made, timed, so that a click
                // that answered nothing says whether it reached the server (printed only with a failure).
                ["Logging__LogLevel__Microsoft.AspNetCore.Components.Server.Circuits"] = "Debug",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            },
            RunInDataDir: true,
            // Started beside the rest of the suite: the fresh-clone CI run saw a start exceed 60 s.
            ReadyWithin: TimeSpan.FromSeconds(180))));

    /// <summary>
    /// Closes <paramref name="context"/> before the server stops. A page left open kept its circuit
    /// reconnecting to a server that was gone, and a suite's worth of them kept chromium busy
    /// (a dozen renderers at 8-22 % of a core each, late in a CI run).
    /// </summary>
    internal void Closes(IBrowserContext context) => _contexts.Add(context);

    /// <summary>A browser event worth keeping (a console error, a circuit's frame) for a failed test's output; the last 300.</summary>
    internal void Saw(string message)
    {
        _browserLines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");
        while (_browserLines.Count > 300)
        {
            _browserLines.TryDequeue(out _);
        }
    }

    /// <summary>
    /// A close that has not finished after this long is left behind: one run hung for ever in a
    /// context's close (Playwright waits for route handlers in flight), with the server never stopped.
    /// </summary>
    private static readonly TimeSpan CloseWithin = TimeSpan.FromSeconds(15);

    public async ValueTask DisposeAsync()
    {
        var pagesText = new System.Text.StringBuilder();
        foreach (var context in _contexts)
        {
            try
            {
                // What each page showed at the end (an error beside an action, the reconnect dialog,
                // the "no longer answers" bar), for a failed test's output.
                foreach (var page in context.Pages)
                {
                    var text = await page.InnerTextAsync("body", new() { Timeout = 5_000 });
                    pagesText.AppendLine($"{page.Url}:").AppendLine(text.Length > 3_000 ? text[..3_000] + " …" : text);
                }
            }
            catch (PlaywrightException e)
            {
                pagesText.AppendLine($"(a page's text could not be read: {e.Message.Split('\n')[0]})");
            }
            try
            {
                await context.CloseAsync().WaitAsync(CloseWithin);
            }
            catch (TimeoutException)
            {
                // Leaked rather than hung: the server below still stops and the test still ends.
            }
        }
        _http.Dispose();
        // The test's output (shown with a failure): what the server logged (warnings and up) and
        // the browser's console errors, so that a click that answered nothing says why.
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"server output (last lines):{Environment.NewLine}{_server.LogTail()}{Environment.NewLine}" +
            $"browser (console errors and warnings, the circuit's websocket frames):{Environment.NewLine}{(_browserLines.IsEmpty ? "(none)" : string.Join(Environment.NewLine, _browserLines))}{Environment.NewLine}" +
            $"what the pages showed at the end:{Environment.NewLine}{pagesText}");
        await _server.DisposeAsync();
    }
}
