using HaVip.Net.Ethernet;

namespace HaVip.Net.Tests.Captures;

/// <summary>The frames of the keepalived captures, split by EtherType.</summary>
internal static class CapturedFrames
{
    public const string V2File = "vrrp2-unicast-pass.pcap";
    public const string V3File = "vrrp3-multicast.pcap";

    /// <summary>IPv4 datagrams (Ethernet header stripped) of a capture: its VRRP adverts.</summary>
    public static IReadOnlyList<byte[]> IPv4Datagrams(string file) =>
        [.. Frames(file, EtherType.IPv4).Select(f => f[EthernetHeader.Length..])];

    /// <summary>Whole Ethernet frames carrying ARP.</summary>
    public static IReadOnlyList<byte[]> ArpFrames(string file) => Frames(file, EtherType.Arp);

    public static IReadOnlyList<byte[]> Frames(string file, EtherType etherType) =>
        [.. Pcap.ReadFrames(file).Where(f => EthernetHeader.TryRead(f, out var h, out _) && h.EtherType == etherType)];
}
