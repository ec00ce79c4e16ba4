using HaVip.Linux.Netlink;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Tests.Netlink;

public sealed class LinkMessagesTests
{
    [Fact]
    public void NewMacvlan_EncodesIfinfomsgAndNestedLinkInfo()
    {
        var bytes = LinkMessages.NewMacvlan("vrrp.51", 3, MacAddress.VrrpIPv4(51), LinkMessages.MacvlanModePrivate, sequence: 4);

        // nlmsghdr: len 92, RTM_NEWLINK (16), REQUEST|ACK|EXCL|CREATE (0x605), seq 4, pid 0
        Convert.ToHexString(bytes).Should().Be(
            "5C000000" + "1000" + "0506" + "04000000" + "00000000"
            + "00" + "00" + "0000" + "00000000" + "01000000" + "01000000" // ifinfomsg: up (flags and change)
            + "0C00" + "0300" + "767272702E353100" // IFLA_IFNAME "vrrp.51\0"
            + "0800" + "0500" + "03000000" // IFLA_LINK 3
            + "0A00" + "0100" + "00005E000133" + "0000" // IFLA_ADDRESS, padded
            + "1C00" + "1200" // IFLA_LINKINFO, 28 bytes
            + "0C00" + "0100" + "6D6163766C616E00" // IFLA_INFO_KIND "macvlan\0"
            + "0C00" + "0200" // IFLA_INFO_DATA, 12 bytes
            + "0800" + "0100" + "01000000"); // IFLA_MACVLAN_MODE private
    }

    [Fact]
    public void DeleteLink_NamesTheIndex()
    {
        var bytes = LinkMessages.DeleteLink(9, 1);

        BitConverter.ToUInt16(bytes, 4).Should().Be(17);
        BitConverter.ToUInt16(bytes, 6).Should().Be(0x5);
        BitConverter.ToInt32(bytes, 16 + 4).Should().Be(9);
        BitConverter.ToUInt32(bytes, 0).Should().Be((uint)bytes.Length);
    }

    [Fact]
    public void SetLink_AddrGenModeNone_IsNestedUnderAfSpecInet6_AndLeavesTheLinkDown()
    {
        var bytes = LinkMessages.SetLink(7, up: false, LinkMessages.AddrGenModeNone, sequence: 2);

        // nlmsghdr: len 48, RTM_NEWLINK (16), REQUEST|ACK (0x5), seq 2
        Convert.ToHexString(bytes).Should().Be(
            "30000000" + "1000" + "0500" + "02000000" + "00000000"
            + "00" + "00" + "0000" + "07000000" + "00000000" + "00000000" // ifinfomsg: index 7, no flag changed
            + "1000" + "1A00" // IFLA_AF_SPEC, 16 bytes
            + "0C00" + "0A00" // AF_INET6, 12 bytes
            + "0500" + "0800" + "01000000"); // IFLA_INET6_ADDR_GEN_MODE none, padded
    }

    [Fact]
    public void SetLink_Up_SetsAndChangesIffUp()
    {
        var bytes = LinkMessages.SetLink(7, up: true, null, sequence: 2);

        (BitConverter.ToUInt32(bytes, 16 + 8), BitConverter.ToUInt32(bytes, 16 + 12), bytes.Length).Should().Be((1u, 1u, 32));
    }

    [Fact]
    public void NewMacvlan_NotUp_ChangesIffUpToDown() =>
        BitConverter.ToUInt32(LinkMessages.NewMacvlan("vrrp.51", 3, MacAddress.VrrpIPv6(51), LinkMessages.MacvlanModePrivate, 4, up: false), 16 + 8).Should().Be(0);
}
