using System.Net;
using HaVip.Net.IPv4;

namespace HaVip.Net.Tests.IPv4;

public sealed class IPv4HeaderTests
{
    [Fact]
    public void TryRead_KeepalivedHeader_ReadsFields()
    {
        IPv4Header.TryRead(TestPackets.V2Datagram, out var ip, out _).Should().BeTrue();

        ip.Should().Be(new IPv4Header(0xC0, 40, 1, 0, 255, 112, TestPackets.Source, TestPackets.Peer));
        ip.HeaderLength.Should().Be(20);
    }

    [Fact]
    public void TryWrite_DecodedHeader_ByteExact()
    {
        var datagram = TestPackets.V3Datagram;
        IPv4Header.TryRead(datagram, out var ip, out _);
        var buffer = new byte[20];

        ip.TryWrite(buffer, out var written).Should().BeTrue();

        written.Should().Be(20);
        buffer.Should().Equal(datagram[..20]);
    }

    [Fact]
    public void TryRead_RouterAlertOption_SkipsOptionsButRefusesToWrite()
    {
        // RFC 2113 router alert, as some VRRP stacks add.
        byte[] options = [0x94, 0x04, 0x00, 0x00];
        var header = TestPackets.V2Datagram[..20];
        byte[] datagram = [.. header, .. options, .. TestPackets.V2Message];
        datagram[0] = 0x46;
        datagram[3] = (byte)datagram.Length;
        datagram[10] = datagram[11] = 0;
        var checksum = HaVip.Net.Checksums.InternetChecksum.Compute(datagram.AsSpan(0, 24));
        (datagram[10], datagram[11]) = ((byte)(checksum >> 8), (byte)checksum);

        IPv4Header.TryRead(datagram, out var ip, out _).Should().BeTrue();

        ip.HeaderLength.Should().Be(24);
        ip.TryWrite(new byte[24], out _).Should().BeFalse();
        HaVip.Net.Vrrp.VrrpIpv4Packet.TryRead(datagram, out var packet, out _).Should().BeTrue();
        packet!.Advertisement.VirtualRouterId.Should().Be(51);
    }

    [Fact]
    public void TryRead_TrailingPadding_PayloadBoundedByTotalLength()
    {
        byte[] datagram = [.. TestPackets.V2Datagram, 0, 0, 0, 0, 0, 0];

        HaVip.Net.Vrrp.VrrpIpv4Packet.TryRead(datagram, out var packet, out var reason).Should().BeTrue(reason.ToString());
        packet!.Ip.TotalLength.Should().Be(40);
    }

    [Fact]
    public void TryWrite_IPv6Address_ReturnsFalse()
    {
        var ip = new IPv4Header(0, 20, 0, 0, 255, 112, IPAddress.IPv6Loopback, IPAddress.Loopback);

        ip.TryWrite(new byte[20], out _).Should().BeFalse();
    }
}
