using System.CommandLine;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Cli.Commands;

/// <summary>The paging options of a list command: one page (--page-size, --page-token) or every page (--all).</summary>
internal sealed class ListOptions
{
    private readonly Option<int?> _pageSize = new("--page-size") { Description = "Items per page (the server's limit applies)" };
    private readonly Option<string?> _pageToken = new("--page-token") { Description = "Start at this page (a previous list's next page token)" };
    private readonly Option<bool> _all = new("--all") { Description = "Follow the pages and list every item" };

    public ListOptions(Command command)
    {
        command.Options.Add(_pageSize);
        command.Options.Add(_pageToken);
        command.Options.Add(_all);
    }

    /// <summary>One page, or with --all every page joined into one (with no next page token).</summary>
    public async Task<Page<T>> ReadAsync<T>(ApiInvocation call, Func<PageRequest, CancellationToken, Task<Page<T>>> list, CancellationToken ct)
    {
        var request = new PageRequest(call.Get(_pageSize), call.Get(_pageToken));
        var page = await list(request, ct);
        if (!call.Get(_all))
        {
            return page;
        }
        var items = new List<T>(page.Items);
        while (page.NextPageToken is { } next)
        {
            page = await list(request with { PageToken = next }, ct);
            items.AddRange(page.Items);
        }
        return new Page<T>(items, null);
    }

    /// <summary>Prints the page, and for people where the next one starts.</summary>
    public static void Print<T>(ApiInvocation call, Page<T> page, Func<IEnumerable<T>, Spectre.Console.Rendering.IRenderable> table)
    {
        call.Out.Print(page, p => table(p.Items));
        if (page.NextPageToken is { } next)
        {
            call.Out.Note($"more: --page-token {next}   (or --all)");
        }
    }
}
