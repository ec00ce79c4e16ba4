using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace HaVip.Server.Tests.Browser;

/// <summary>One headless Debian chromium for the browser tier; each test gets its own context and server.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Every request a page tried to make beyond loopback; the console must make none.</summary>
    public ConcurrentQueue<string> BlockedRequests { get; } = new();

    /// <summary>How long an expectation or a page action waits, in milliseconds.</summary>
    private const float Patience = 40_000;

    public async ValueTask InitializeAsync()
    {
        // Two cores shared with parallel test classes (and, in CI, with server starts, PostgreSQL
        // and the network tiers' daemons): 5 s is too tight for a Blazor round trip, and the
        // fresh-clone CI run saw a first page take over 15 s. Waiting longer costs nothing when it passes.
        Assertions.SetDefaultExpectTimeout(Patience);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(Patience);
        // Only loopback: a request anywhere else is a bug (the console must load nothing from the internet).
        await context.RouteAsync(url => !IsLoopback(url), route =>
        {
            BlockedRequests.Enqueue(route.Request.Url);
            return route.AbortAsync();
        });
        return await context.NewPageAsync();
    }

    private static bool IsLoopback(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Host == "127.0.0.1" || uri.Scheme is "data" or "blob");

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
