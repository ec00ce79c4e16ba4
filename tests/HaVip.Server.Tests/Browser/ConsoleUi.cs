using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HaVip.Server.Tests.Browser;

/// <summary>
/// The console's pages as a test drives them, by the data-testid marks the components carry. The
/// page's browser context closes with <paramref name="server"/>, at the end of the test.
/// </summary>
internal sealed class ConsoleUi
{
    private readonly IPage _page;
    private readonly ConsoleServer _server;

    public ConsoleUi(IPage page, ConsoleServer server)
    {
        _page = page;
        _server = server;
        server.Closes(page.Context);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                server.Saw($"{message.Type}: {message.Text}");
            }
        };
        // The circuit's traffic, frame by frame (the blazorpack frames' readable words: the event
        // dispatched, the render batch, the acks), so that a click that answered nothing shows
        // whether the browser sent it and whether anything came back.
        page.WebSocket += (_, socket) =>
        {
            server.Saw($"websocket open {socket.Url}");
            socket.FrameSent += (_, frame) => server.Saw($"ws sent {Words(frame)}");
            socket.FrameReceived += (_, frame) => server.Saw($"ws received {Words(frame)}");
            socket.Close += (_, _) => server.Saw("websocket closed");
            socket.SocketError += (_, error) => server.Saw($"websocket error {error}");
        };
    }

    private static string Words(IWebSocketFrame frame)
    {
        if (frame.Binary is not { } bytes)
        {
            return $"text {frame.Text?.Length}: {frame.Text?[..Math.Min(frame.Text.Length, 120)]}";
        }
        var words = System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(bytes), "[A-Za-z0-9_.:/-]{4,}")
            .Select(m => m.Value);
        var text = string.Join(' ', words);
        return $"{bytes.Length} bytes: {text[..Math.Min(text.Length, 160)]}";
    }

    public IPage Page => _page;

    public ILocator TestId(string id) => _page.Locator($"[data-testid='{id}']");

    public ILocator Dialog(string id) => _page.Locator($".mud-dialog:has([data-testid='{id}']), [data-testid='{id}'].mud-dialog").First;

    public ILocator Row(string vipId) => _page.Locator("tr.mud-table-row", new() { Has = _page.Locator($"[data-testid='vip-row'][data-id='{vipId}']") });

    public ILocator RowByName(string name) => _page.Locator("tr.mud-table-row", new() { Has = _page.Locator("[data-testid='vip-name']", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{name}$") }) });

    public ILocator HostRow(string name) => _page.Locator("tr.mud-table-row", new() { Has = _page.Locator($"[data-testid='host-row'][data-name='{name}']") });

    public ILocator Choice(string instanceId) => _page.Locator($"[data-testid='instance-choice'][data-instance='{instanceId}']");

    /// <summary>
    /// Opens a page and waits until the circuit rendered it (no prerendering: visible means
    /// interactive). Signs in with the test admin key first when the console asks for one.
    /// </summary>
    public async Task GotoAsync(string path, string readyTestId)
    {
        await _page.GotoAsync(_server.Url(path));
        if (new Uri(_page.Url).AbsolutePath == "/login")
        {
            await SignInAsync(TestKeys.Admin);
        }
        await Expect(TestId(readyTestId).First).ToBeVisibleAsync();
    }

    /// <summary>
    /// Waits until a dialog that just opened took the focus. MudBlazor's focus trap moves the
    /// focus into the dialog after its first render, in a call of its own; a field typed into
    /// before that call lands can lose its keys to the element the trap focuses (a rehearsal saw
    /// an emptied name never reach the server). Evidence that the trap ran: the focus is inside the dialog.
    /// </summary>
    public async Task DialogFocusedAsync() =>
        await _page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog') != null");

    public async Task SignInAsync(string key)
    {
        await _page.Locator("#key").FillAsync(key);
        await _page.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>Types into a MudTextField wrapped in a data-testid element, then leaves it so the value is committed.</summary>
    public async Task TypeAsync(string testId, string text)
    {
        var input = TestId(testId).Locator("input").First;
        await input.FillAsync(text);
        await input.BlurAsync();
    }

    public async Task ToggleAsync(string instanceId) => await Choice(instanceId).Locator("input[type=checkbox]").ClickAsync();

    public async Task SelectRowAsync(string vipId) => await Row(vipId).Locator("td").First.Locator("input[type=checkbox]").ClickAsync();
}
