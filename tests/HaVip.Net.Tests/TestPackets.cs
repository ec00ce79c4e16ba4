using System.Net;
using HaVip.Net.IPv4;
using HaVip.Net.Vrrp;

namespace HaVip.Net.Tests;

/// <summary>Known-good packets (copied from the keepalived captures) and helpers to craft variants.</summary>
internal static class TestPackets
{
    /// <summary>keepalived v2 advert: VRID 51, prio 150, PASS "1111", 1 s, VIP 10.0.240.100, unicast.</summary>
    public const string V2Hex =
        "45c0002800010000ff70c6860a00f00e0a00f00f" + "213396010101eb020a00f0643131313100000000";

    /// <summary>keepalived v3 advert: VRID 52, prio 200, 10 cs, VIPs 10.0.240.101-103, to 224.0.0.18.</summary>
    public const string V3Hex =
        "45c0002800010000ff70e0830a00f00ee0000012" + "3134c803000a3ce30a00f0650a00f0660a00f067";

    /// <summary>keepalived's gratuitous ARP for 10.0.240.100 from 02:48:56:00:00:0e.</summary>
    public const string GarpHex =
        "ffffffffffff02485600000e08060001080006040001" + "02485600000e0a00f064ffffffffffff0a00f064";

    public static readonly IPAddress Source = IPAddress.Parse("10.0.240.14");
    public static readonly IPAddress Peer = IPAddress.Parse("10.0.240.15");

    public static byte[] V2Datagram => Hex(V2Hex);

    public static byte[] V3Datagram => Hex(V3Hex);

    public static byte[] V2Message => V2Datagram[IPv4Header.MinLength..];

    public static byte[] V3Message => V3Datagram[IPv4Header.MinLength..];

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>The v2 capture's instance configuration.</summary>
    public static VrrpExpectations V2Expectations => new(VrrpVersion.V2, 51, [IPAddress.Parse("10.0.240.100")])
    {
        AuthType = VrrpAuthType.SimplePassword,
        AuthData = VrrpAuthData.FromPassword("1111"),
        AdvertInterval = TimeSpan.FromSeconds(1),
    };

    /// <summary>Sets a VRRP message's checksum right for its version after a mutation.</summary>
    public static byte[] WithChecksum(byte[] message, IPAddress source, IPAddress destination)
    {
        var copy = (byte[])message.Clone();
        copy[6] = copy[7] = 0;
        var version = (VrrpVersion)(copy[0] >> 4) == VrrpVersion.V2 ? VrrpVersion.V2 : VrrpVersion.V3;
        var checksum = VrrpChecksum.Compute(version, copy, source, destination);
        copy[6] = (byte)(checksum >> 8);
        copy[7] = (byte)checksum;
        return copy;
    }

    /// <summary>A correct IPv4 header (keepalived's fields) in front of any message bytes.</summary>
    public static byte[] Datagram(byte[] message, byte ttl = 255, byte protocol = 112, IPAddress? destination = null)
    {
        var header = new IPv4Header(0xC0, (ushort)(IPv4Header.MinLength + message.Length), 1, 0, ttl, protocol,
            Source, destination ?? Peer);
        var datagram = new byte[IPv4Header.MinLength + message.Length];
        header.TryWrite(datagram, out _);
        message.CopyTo(datagram, IPv4Header.MinLength);
        return datagram;
    }

    /// <summary>The v2 advert with its message changed, both checksums made right again.</summary>
    public static byte[] V2With(Action<byte[]> mutate)
    {
        var message = V2Message;
        mutate(message);
        return Datagram(WithChecksum(message, Source, Peer));
    }

    /// <summary>Full receive path: decode, then the instance checks.</summary>
    public static DropReason Receive(byte[] datagram, VrrpExpectations? expected = null) =>
        VrrpIpv4Packet.TryRead(datagram, out var packet, out var reason)
            ? VrrpAdvertCheck.Check(packet, expected ?? V2Expectations)
            : reason;
}
