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

    [Theory]
    [InlineData("ff02::12", "04000000")]
    [InlineData("fe80::2", "04000000")]
    [InlineData("fd00::2", "00000000")]
    public void SockaddrIn6_Create_ScopeIdOnlyForLinkScopedDestinations(string address, string scope)
    {
        var bytes = SockaddrIn6.Create(IPAddress.Parse(address), interfaceIndex: 4);

        // sin6_family 10 (host order), port 0, flow info 0, the address, sin6_scope_id
        Convert.ToHexString(bytes).Should().Be("0A00" + "0000" + "00000000" + Convert.ToHexString(IPAddress.Parse(address).GetAddressBytes()) + scope);
    }

    [Fact]
    public void Ipv6Mreq_Write_GroupAndIndex()
    {
        var bytes = new byte[Ipv6Mreq.Length];

        Ipv6Mreq.Write(bytes, IPAddress.Parse("ff02::12"), 3);

        Convert.ToHexString(bytes).Should().Be("FF020000000000000000000000000012" + "03000000");
    }

    [Fact]
    public void ControlMessages_WriteThenFind_RoundTripsEachMessage()
    {
        var control = new byte[ControlMessages.Space(20) + ControlMessages.Space(4)];
        var info = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();

        var used = ControlMessages.Write(control, 0, 41, 50, info);
        used = ControlMessages.WriteInt(control, used, 41, 52, 255);

        used.Should().Be(control.Length);
        ControlMessages.Find(control, 41, 50).ToArray().Should().Equal(info);
        BitConverter.ToInt32(ControlMessages.Find(control, 41, 52)).Should().Be(255);
        ControlMessages.Find(control, 41, 67).IsEmpty.Should().BeTrue();
        ControlMessages.Find(control.AsSpan(0, 10), 41, 50).IsEmpty.Should().BeTrue("a truncated header is not read");
    }
}
