using System.Net.Sockets;
using HaVip.Net.Vrrp;

namespace HaVip.Vrrpd.Scheduling;

/// <summary>
/// Which instances a datagram received on an interface is for: those of its address family with
/// its VRID (RFC 5798 section 5.2.3; an IPv4 and an IPv6 instance may share a VRID, as in
/// keepalived). One receive socket per interface and family then serves every instance on it,
/// and a datagram costs one lookup instead of one wake-up per instance. Pure; not thread-safe.
/// </summary>
internal sealed class AdvertDemux<T>
    where T : class
{
    private readonly Dictionary<string, Link> _links = new(StringComparer.Ordinal);

    private sealed class Link
    {
        public Family IPv4 { get; } = new();

        public Family IPv6 { get; } = new();

        public List<T> All { get; } = [];

        public Family Of(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? IPv6 : IPv4;
    }

    private sealed class Family
    {
        public List<T>?[] ByVrid { get; } = new List<T>?[256];

        public List<T> All { get; } = [];
    }

    public void Add(string device, AddressFamily family, byte vrid, T item)
    {
        if (!_links.TryGetValue(device, out var link))
            _links[device] = link = new Link();
        var of = link.Of(family);
        (of.ByVrid[vrid] ??= []).Add(item);
        of.All.Add(item);
        link.All.Add(item);
    }

    public void Remove(string device, AddressFamily family, byte vrid, T item)
    {
        if (!_links.TryGetValue(device, out var link))
            return;
        var of = link.Of(family);
        of.ByVrid[vrid]?.Remove(item);
        of.All.Remove(item);
        link.All.Remove(item);
        if (link.All.Count == 0)
            _links.Remove(device);
    }

    /// <summary>
    /// The instances on <paramref name="device"/> of the datagram's family with its VRID; all of
    /// that family when the datagram is too short for a VRID, and all of the interface when it is
    /// neither IPv4 nor IPv6, so each one's codec counts the drop by its reason as it did when every
    /// instance had its own socket.
    /// </summary>
    public IReadOnlyList<T> Route(string device, ReadOnlySpan<byte> datagram)
    {
        if (!_links.TryGetValue(device, out var link))
            return [];
        var version = datagram.IsEmpty ? 0 : datagram[0] >> 4;
        var (of, peeked, vrid) = version switch
        {
            4 => (link.IPv4, VrrpIpv4Packet.TryPeekVirtualRouterId(datagram, out var v4), v4),
            6 => (link.IPv6, VrrpIpv6Packet.TryPeekVirtualRouterId(datagram, out var v6), v6),
            _ => ((Family?)null, false, (byte)0),
        };
        if (of is null)
            return link.All;
        if (!peeked)
            return of.All;
        return of.ByVrid[vrid] ?? (IReadOnlyList<T>)[];
    }
}
