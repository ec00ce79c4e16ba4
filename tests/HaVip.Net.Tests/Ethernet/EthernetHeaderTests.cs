using HaVip.Net.Ethernet;

namespace HaVip.Net.Tests.Ethernet;

public sealed class EthernetHeaderTests
{
    [Fact]
    public void TryRead_GarpFrame_ReadsHeaderFields()
    {
        EthernetHeader.TryRead(TestPackets.Hex(TestPackets.GarpHex), out var header, out var reason).Should().BeTrue();

        reason.Should().Be(DropReason.None);
        header.Should().Be(new EthernetHeader(MacAddress.Broadcast, MacAddress.Parse("02:48:56:00:00:0e"), EtherType.Arp));
    }

    [Fact]
    public void TryWrite_Header_RoundTripsByteExact()
    {
        var frame = TestPackets.Hex(TestPackets.GarpHex);
        EthernetHeader.TryRead(frame, out var header, out _);
        var buffer = new byte[EthernetHeader.Length];

        header.TryWrite(buffer, out var written).Should().BeTrue();

        written.Should().Be(14);
        buffer.Should().Equal(frame[..14]);
    }

    [Fact]
    public void TryWrite_ShortBuffer_ReturnsFalse()
    {
        new EthernetHeader(MacAddress.Broadcast, MacAddress.Zero, EtherType.IPv4).TryWrite(new byte[13], out var written)
            .Should().BeFalse();
        written.Should().Be(0);
    }

    [Fact]
    public void TryRead_UnknownEtherType_KeptAsNumber()
    {
        var frame = TestPackets.Hex(TestPackets.GarpHex);
        (frame[12], frame[13]) = (0x88, 0xCC);

        EthernetHeader.TryRead(frame, out var header, out _).Should().BeTrue();
        ((ushort)header.EtherType).Should().Be(0x88CC);
    }

    [Fact]
    public void EtherTypeOffset_IsWhereTheCodecWritesTheEtherType()
    {
        // The agent's socket filter (PortCapture) loads the EtherType from this offset in the kernel.
        var frame = new byte[EthernetHeader.Length];
        new EthernetHeader(MacAddress.Broadcast, MacAddress.Parse("02:48:56:00:00:0e"), EtherType.Arp).TryWrite(frame, out _).Should().BeTrue();

        System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(EthernetHeader.EtherTypeOffset)).Should().Be((ushort)EtherType.Arp);
    }
}
