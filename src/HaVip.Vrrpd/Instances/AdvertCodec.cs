using System.Net;
using HaVip.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// Between the wire (HaVip.Net) and the state machine (HaVip.Vrrp): builds our datagrams and
/// turns a received one into an event or a typed drop reason.
/// </summary>
internal sealed class AdvertCodec
{
    private readonly VrrpRouterOptions _options;
    private readonly IPAddress[] _vips;
    private readonly VrrpExpectations _expect;
    private readonly IPAddress _primary;
    private readonly bool _ipv6;

    // The datagram depends only on priority and destination: built once, sent every interval.
    // An instance sends a handful (its priority, 0 on shutdown, each unicast peer): an array
    // searched in order costs a fifth of a dictionary's memory, which 1,000 instances repeat.
    private (byte Priority, IPAddress Destination, byte[] Bytes)[] _built = [];

    // A master's adverts repeat byte for byte every interval (an IPv4 header differs only in its
    // identification and checksum), so the last datagram's verdict is kept and given again:
    // decoding allocated addresses, a message, an event and a set each time, which at 1,000
    // instances kept the GC collecting every few seconds and its heap well above what is live.
    private byte[] _lastDatagram = [];
    private (AdvertReceived? Event, DropReason Drop) _lastVerdict;

    public AdvertCodec(VrrpRouterOptions options)
    {
        _options = options;
        // An instance is of one family (the config refuses the other); its advert source is of it too.
        _vips = options.VirtualAddresses.Select(a => a.Address).Where(a => a.AddressFamily == options.PrimaryAddress.AddressFamily).ToArray();
        _primary = options.PrimaryAddress;
        _ipv6 = _primary.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        _expect = new VrrpExpectations(options.Version, options.VirtualRouterId, _vips)
        {
            // Auth, interval and address list are judged by the state machine, which names its own reasons.
            AuthType = options.AuthPassword is null ? VrrpAuthType.None : VrrpAuthType.SimplePassword,
            AuthData = options.AuthPassword is null ? default : VrrpAuthData.FromPassword(options.AuthPassword),
            AdvertInterval = options.AdvertisementInterval,
            SkipAddressCheck = true,
            IsAddressOwner = options.Priority == 255,

            // keepalived (vrrp_check_packet) checks TTL 255 only without unicast peers: a routed
            // peer's unicast_ttl adverts arrive with less.
            RequireTtl255 = options.UnicastPeers.Count == 0,
        };
    }

    /// <summary>
    /// The datagram of one advert, cached. Identification 0 lets the kernel number it
    /// (raw(7), IP_HDRINCL), so the cached bytes never go stale.
    /// </summary>
    public byte[] Datagram(byte priority, IPAddress destination)
    {
        foreach (var (p, d, bytes) in _built)
        {
            if (p == priority && d.Equals(destination))
                return bytes;
        }

        var built = Build(priority, destination, 0);
        _built = [.. _built, (priority, destination, built)];
        return built;
    }

    /// <summary>
    /// The datagram of one advert, as keepalived sends it (TOS 0xc0, TTL 255 or <c>unicast_ttl</c>);
    /// IPv6 always hop limit 255 (RFC 5798 section 5.1.2.3; <c>unicast_ttl</c> is IPv4's).
    /// </summary>
    public byte[] Build(byte priority, IPAddress destination, ushort identification)
    {
        var advert = _options.Version == VrrpVersion.V2
            ? VrrpAdvertisement.CreateV2(_options.VirtualRouterId, priority, _options.AdvertisementInterval, _vips, _options.AuthPassword)
            : VrrpAdvertisement.CreateV3(_options.VirtualRouterId, priority, _options.AdvertisementInterval, _vips);
        var ttl = _ipv6 || destination.Equals(VrrpProtocol.IPv4Multicast) ? VrrpProtocol.Ttl : _options.UnicastTtl;
        var buffer = new byte[HaVip.Net.IPv6.IPv6Header.Length + advert.Length];
        var written = 0;
        var ok = _ipv6
            ? VrrpIpv6Packet.Create(_primary, destination, advert, ttl).TryWrite(buffer, out written)
            : VrrpIpv4Packet.Create(_primary, destination, advert, identification, ttl).TryWrite(buffer, out written);
        return ok ? buffer[..written] : throw new InvalidOperationException("advert cannot be encoded");
    }

    /// <summary>
    /// Decodes and checks (RFC 5798 section 7.1) a received datagram: an event, or why it was
    /// dropped; neither for traffic that is not for us (another VRID, our own advert echoed back).
    /// </summary>
    public (AdvertReceived? Event, DropReason Drop) Read(ReadOnlySpan<byte> datagram)
    {
        if (SameAsLast(datagram))
            return _lastVerdict;
        var verdict = Decode(datagram);
        if (_lastDatagram.Length != datagram.Length)
            _lastDatagram = new byte[datagram.Length];
        datagram.CopyTo(_lastDatagram);
        _lastVerdict = verdict;
        return verdict;
    }

    /// <summary>
    /// The same bytes as the last datagram read; for IPv4 apart from the identification and header
    /// checksum (bytes 4-5 and 10-11), with the new header's checksum checked as the decoder would.
    /// </summary>
    private bool SameAsLast(ReadOnlySpan<byte> datagram)
    {
        var last = _lastDatagram.AsSpan();
        if (last.Length != datagram.Length || last.IsEmpty)
            return false;
        if (_ipv6)
            return datagram.SequenceEqual(last);
        var headerLength = (datagram[0] & 0x0F) * 4;
        return headerLength >= 20 && headerLength <= datagram.Length
            && datagram[..4].SequenceEqual(last[..4]) && datagram[6..10].SequenceEqual(last[6..10]) && datagram[12..].SequenceEqual(last[12..])
            && HaVip.Net.Checksums.InternetChecksum.IsValid(datagram[..headerLength]);
    }

    private (AdvertReceived? Event, DropReason Drop) Decode(ReadOnlySpan<byte> datagram)
    {
        if (!TryDecode(datagram, out var source, out var a, out var ttl, out var reason))
            return (null, reason);

        // Another instance's VRID on the same link is normal traffic, not a fault: not counted.
        // Raw sockets also see our own unicast adverts on some paths; they are not a peer.
        if (a.VirtualRouterId != _options.VirtualRouterId || source.Equals(_primary))
            return (null, DropReason.None);
        var check = VrrpAdvertCheck.Check(a, ttl, _expect);
        if (check != DropReason.None)
            return (null, check);
        // The codec already compared the 8 wire bytes; pass our own password so one longer than
        // 8 characters (keepalived truncates it on the wire) still matches in the state machine.
        var password = a.AuthType == VrrpAuthType.SimplePassword ? _options.AuthPassword : null;
        return (new AdvertReceived(source, a.Priority, a.AdvertInterval, Addresses(a.Addresses), password), DropReason.None);
    }

    /// <summary>
    /// Our own address array when the advert lists the same addresses in the same order (a peer
    /// of the same configuration always does): the verdict is kept until the next datagram
    /// differs, and a decoded copy per backup instance was about 100 bytes of live heap each.
    /// </summary>
    private IReadOnlyList<IPAddress> Addresses(System.Collections.Immutable.ImmutableArray<IPAddress> theirs)
    {
        if (theirs.IsDefault || theirs.Length != _vips.Length)
            return theirs.IsDefault ? [] : theirs;
        for (var i = 0; i < _vips.Length; i++)
        {
            if (!theirs[i].Equals(_vips[i]))
                return theirs;
        }

        return _vips;
    }

    // An IPv6 instance reads IPv6 datagrams only (the receive path rebuilds their header), an IPv4 one IPv4 only.
    private bool TryDecode(ReadOnlySpan<byte> datagram, out IPAddress source, out VrrpAdvertisement advert, out byte ttl, out DropReason reason)
    {
        (source, advert, ttl) = (IPAddress.None, null!, 0);
        if (_ipv6)
        {
            if (!VrrpIpv6Packet.TryRead(datagram, out var packet6, out reason))
                return false;
            (source, advert, ttl) = (packet6.Ip.Source, packet6.Advertisement, packet6.Ip.HopLimit);
            return true;
        }

        if (!VrrpIpv4Packet.TryRead(datagram, out var packet, out reason))
            return false;
        (source, advert, ttl) = (packet.Ip.Source, packet.Advertisement, packet.Ip.Ttl);
        return true;
    }
}
