using System.Net;
using HaVip.Linux.Netlink;
using HaVip.Linux.Sockets;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Tests.Sockets;

public sealed class SocketAddressTests
{
    [Fact]
    public void SockaddrLl_Write_FamilyProtocolIndexAndBroadcastMac()
    {
        var bytes = new byte[SockaddrLl.Length];

        SockaddrLl.Write(bytes, interfaceIndex: 5, etherType: 0x0806, MacAddress.Broadcast);

        // sll_family 17 (host order), sll_protocol ETH_P_ARP (network order), sll_ifindex 5,
        // hatype 0, pkttype 0, halen 6, addr ff:ff:ff:ff:ff:ff + 2 bytes padding
        Convert.ToHexString(bytes).Should().Be("1100" + "0806" + "05000000" + "0000" + "00" + "06" + "FFFFFFFFFFFF0000");
    }

    [Fact]
    public void IpMreqn_Write_GroupLocalIndex()
    {
        var bytes = new byte[IpMreqn.Length];

        IpMreqn.Write(bytes, IPAddress.Parse("224.0.0.18"), IPAddress.Any, 3);

        Convert.ToHexString(bytes).Should().Be("E0000012" + "00000000" + "03000000");
    }

    [Fact]
    public void SockaddrNl_Write_LinkGroupBit()
    {
        var bytes = new byte[SockaddrNl.Length];

        SockaddrNl.Write(bytes, groups: 1);

        Convert.ToHexString(bytes).Should().Be("1000" + "0000" + "00000000" + "01000000");
    }
}
