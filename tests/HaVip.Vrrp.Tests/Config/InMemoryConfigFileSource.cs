using System.Text.RegularExpressions;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>Files held in a dictionary; globs match with the same rules as the physical source.</summary>
internal sealed class InMemoryConfigFileSource(Dictionary<string, string>? files = null) : IConfigFileSource
{
    private readonly Dictionary<string, string> _files = files ?? [];

    public string? ReadAllText(string path) => _files.GetValueOrDefault(path);

    public IReadOnlyList<string> Glob(string pattern)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
        return _files.Keys.Where(k => regex.IsMatch(k)).Order(StringComparer.Ordinal).ToList();
    }
}
