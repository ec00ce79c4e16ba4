using System.Globalization;
using System.Text;

namespace HaVip.Contracts.Client;

/// <summary>One page of a list: its size and where it starts (the previous page's token).</summary>
public sealed record PageRequest(int? PageSize, string? PageToken)
{
    public static readonly PageRequest None = new(null, null);
}

/// <summary>Query strings with only the parameters that are set, escaped.</summary>
public static class Query
{
    public static string Build(string path, PageRequest page, params (string Name, string? Value)[] parameters)
    {
        var all = parameters.Append(("pageSize", page.PageSize?.ToString(CultureInfo.InvariantCulture))).Append(("pageToken", page.PageToken));
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in all)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return text.ToString();
    }
}
