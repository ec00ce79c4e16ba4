using System.Collections.Concurrent;
using HaVip.Linux.Netlink;

namespace HaVip.Vrrpd.Os;

/// <summary>Interfaces of this namespace by name (index, MAC, up), kept current by the link watcher.</summary>
internal sealed class LinkTable
{
    private readonly ConcurrentDictionary<string, LinkInfo> _links = new(StringComparer.Ordinal);

    public void Set(LinkInfo link) => _links[link.Name] = link;

    public LinkInfo Get(string name) =>
        _links.TryGetValue(name, out var link) ? link : throw new InvalidOperationException($"no interface named {name}");

    public bool TryGet(string name, out LinkInfo? link) => _links.TryGetValue(name, out link);

    public IEnumerable<LinkInfo> All => _links.Values;

    public int IndexOf(string name) => Get(name).Index;
}
