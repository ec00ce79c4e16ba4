using System.Buffers.Binary;
using HaVip.Linux.Netlink;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Tests.Netlink;

public sealed class NetlinkParsingTests
{
    [Fact]
    public void ReadAll_TwoMessagesAndError_SplitsAndReadsErrno()
    {
        var datagram = Message(3, 1, []).Concat(Message(2, 7, BitConverter.GetBytes(-17))).ToArray();

        var messages = NetlinkMessage.ReadAll(datagram);

        messages.Select(m => (m.Type, m.Sequence)).Should().Equal((3, 1u), (2, 7u));
        messages[1].Error.Should().Be(17);
    }

    [Fact]
    public void ReadAll_TruncatedLength_StopsWithoutThrowing()
    {
        var datagram = Message(3, 1, [1, 2, 3, 4]);
        BinaryPrimitives.WriteUInt32LittleEndian(datagram, 400);

        NetlinkMessage.ReadAll(datagram).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0x1u | 0x40u, true)]
    [InlineData(0x1u, false)]
    [InlineData(0x40u, false)]
    public void LinkInfo_Flags_UpNeedsUpAndRunning(uint flags, bool up)
    {
        var payload = new byte[16 + 12 + 12];
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(8), flags);
        Attr(payload.AsSpan(16), 3, "eth0\0"u8);
        Attr(payload.AsSpan(28), 1, [2, 0, 0, 0, 0, 9]);

        var link = LinkInfo.TryParse(payload);

        link.Should().NotBeNull();
        (link!.Index, link.Name, link.IsUp, link.Mac).Should().Be((4, "eth0", up, MacAddress.Parse("02:00:00:00:00:09")));
    }

    /// <summary>Only a private macvlan may be taken over as a use_vmac interface (keepalived's rule).</summary>
    [Theory]
    [InlineData(LinkMessages.MacvlanModePrivate, true)]
    [InlineData(4u, false)] // MACVLAN_MODE_BRIDGE
    public void LinkInfo_MacvlanLinkInfo_PrivateOnlyInPrivateMode(uint mode, bool isPrivate)
    {
        var message = LinkMessages.NewMacvlan("vrrp.51", 2, MacAddress.VrrpIPv4(51), mode, 1);

        var link = LinkInfo.TryParse(message.AsSpan(16));

        (link!.Name, link.IsPrivateMacvlan, link.LinkIndex).Should().Be(("vrrp.51", isPrivate, 2));
    }

    [Fact]
    public void LinkInfo_NoName_IsNull() => LinkInfo.TryParse(new byte[16]).Should().BeNull();

    private static byte[] Message(ushort type, uint sequence, byte[] payload)
    {
        var m = new byte[16 + ((payload.Length + 3) & ~3)];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)(16 + payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), type);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(8), sequence);
        payload.CopyTo(m, 16);
        return m;
    }

    private static void Attr(Span<byte> at, ushort type, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        value.CopyTo(at[4..]);
    }
}
