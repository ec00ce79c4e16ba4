using HaVip.Net.Ethernet;

namespace HaVip.Net.Tests.Captures;

/// <summary>The frames of the keepalived captures, split by EtherType.</summary>
internal static class CapturedFrames
{
    public const string V2File = "vrrp2-unicast-pass.pcap";
    public const string V3File = "vrrp3-multicast.pcap";
    public const string V6MulticastFile = "vrrp3-ipv6-multicast.pcap";
    public const string V6UnicastFile = "vrrp3-ipv6-unicast.pcap";

    /// <summary>IPv4 datagrams (Ethernet header stripped) of a capture: its VRRP adverts.</summary>
    public static IReadOnlyList<byte[]> IPv4Datagrams(string file) =>
        [.. Frames(file, EtherType.IPv4).Select(f => f[EthernetHeader.Length..])];

    /// <summary>IPv6 datagrams (Ethernet header stripped) whose next header is VRRP: the adverts of an IPv6 capture.</summary>
    public static IReadOnlyList<byte[]> IPv6VrrpDatagrams(string file) =>
        [.. Frames(file, EtherType.IPv6).Select(f => f[EthernetHeader.Length..]).Where(d => d[6] == 112)];

    /// <summary>Whole Ethernet frames carrying an ICMPv6 Neighbor Advertisement (type 136).</summary>
    public static IReadOnlyList<byte[]> NeighborAdvertisementFrames(string file) =>
        [.. Frames(file, EtherType.IPv6).Where(f => f[EthernetHeader.Length + 6] == 58 && f[EthernetHeader.Length + 40] == 136)];

    /// <summary>Whole Ethernet frames carrying ARP.</summary>
    public static IReadOnlyList<byte[]> ArpFrames(string file) => Frames(file, EtherType.Arp);

    public static IReadOnlyList<byte[]> Frames(string file, EtherType etherType) =>
        [.. Pcap.ReadFrames(file).Where(f => EthernetHeader.TryRead(f, out var h, out _) && h.EtherType == etherType)];
}
