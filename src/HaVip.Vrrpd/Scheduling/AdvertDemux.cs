using HaVip.Net.Vrrp;

namespace HaVip.Vrrpd.Scheduling;

/// <summary>
/// Which instances a datagram received on an interface is for: those with its VRID (RFC 5798
/// section 5.2.3). One receive socket per interface then serves every instance on it, and a
/// datagram costs one lookup instead of one wake-up per instance. Pure; not thread-safe.
/// </summary>
internal sealed class AdvertDemux<T>
    where T : class
{
    private readonly Dictionary<string, Link> _links = new(StringComparer.Ordinal);

    private sealed class Link
    {
        public List<T>?[] ByVrid { get; } = new List<T>?[256];

        public List<T> All { get; } = [];
    }

    public void Add(string device, byte vrid, T item)
    {
        if (!_links.TryGetValue(device, out var link))
            _links[device] = link = new Link();
        (link.ByVrid[vrid] ??= []).Add(item);
        link.All.Add(item);
    }

    public void Remove(string device, byte vrid, T item)
    {
        if (!_links.TryGetValue(device, out var link))
            return;
        link.ByVrid[vrid]?.Remove(item);
        link.All.Remove(item);
        if (link.All.Count == 0)
            _links.Remove(device);
    }

    /// <summary>
    /// The instances on <paramref name="device"/> with the datagram's VRID; all of them when the
    /// datagram is too short or not IPv4, so each one's codec counts the drop by its reason as it
    /// did when every instance had its own socket.
    /// </summary>
    public IReadOnlyList<T> Route(string device, ReadOnlySpan<byte> datagram)
    {
        if (!_links.TryGetValue(device, out var link))
            return [];
        if (!VrrpIpv4Packet.TryPeekVirtualRouterId(datagram, out var vrid))
            return link.All;
        return link.ByVrid[vrid] ?? (IReadOnlyList<T>)[];
    }
}
