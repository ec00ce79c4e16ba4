using System.Net;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Net.Tests.Arp;

public sealed class ArpPacketTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("02:48:56:00:00:0e");

    [Fact]
    public void TryRead_KeepalivedGarp_ReadsRfc826Fields()
    {
        var frame = TestPackets.Hex(TestPackets.GarpHex);

        ArpPacket.TryRead(frame.AsSpan(EthernetHeader.Length), out var arp, out _).Should().BeTrue();

        arp.Should().Be(new ArpPacket(ArpOperation.Request, Mac, IPAddress.Parse("10.0.240.100"),
            MacAddress.Broadcast, IPAddress.Parse("10.0.240.100")));
    }

    [Fact]
    public void TryRead_PaddedTo60Bytes_IgnoresPadding()
    {
        byte[] frame = [.. TestPackets.Hex(TestPackets.GarpHex), .. new byte[18]];

        ArpFrame.TryRead(frame, out var decoded, out _).Should().BeTrue();
        decoded.Arp.SenderProtocolAddress.Should().Be(IPAddress.Parse("10.0.240.100"));
    }

    [Fact]
    public void TryWrite_IPv6ProtocolAddress_ReturnsFalse()
    {
        var arp = new ArpPacket(ArpOperation.Reply, Mac, IPAddress.IPv6Loopback, Mac, IPAddress.Loopback);

        arp.TryWrite(new byte[ArpPacket.Length], out _).Should().BeFalse();
    }

    [Fact]
    public void TryWrite_ShortBuffer_ReturnsFalse()
    {
        GratuitousArp.Create(Mac, IPAddress.Loopback).TryWrite(new byte[ArpFrame.Length - 1], out _).Should().BeFalse();
    }

    [Fact]
    public void Create_ZeroTargetMac_IsRfc5227Announcement()
    {
        var frame = GratuitousArp.Create(Mac, IPAddress.Parse("10.0.240.100"), MacAddress.Zero);
        var buffer = new byte[ArpFrame.Length];

        frame.TryWrite(buffer, out _).Should().BeTrue();

        buffer[32..38].Should().OnlyContain(b => b == 0);
        ArpClaim.Classify(frame.Arp).Should().Be(ArpClaimKind.GratuitousRequest);
    }
}
