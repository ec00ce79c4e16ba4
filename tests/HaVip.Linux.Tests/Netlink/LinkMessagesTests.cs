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
}
