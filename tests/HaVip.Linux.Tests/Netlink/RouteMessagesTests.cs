using System.Net;
using HaVip.Linux.Netlink;

namespace HaVip.Linux.Tests.Netlink;

public sealed class RouteMessagesTests
{
    [Fact]
    public void Address_AddWithLabel_EncodesIfaddrmsgAndAttributes()
    {
        var spec = new AddressSpec(IPAddress.Parse("10.0.0.100"), 24, 7) { Label = "eth0:v" };

        var bytes = RouteMessages.Address(add: true, spec, sequence: 9);

        // nlmsghdr: len 52, RTM_NEWADDR (20), REQUEST|ACK|EXCL|CREATE (0x605), seq 9, pid 0
        Convert.ToHexString(bytes).Should().Be(
            "34000000" + "1400" + "0506" + "09000000" + "00000000"
            + "02" + "18" + "00" + "00" + "07000000" // ifaddrmsg: AF_INET, /24, flags, scope global, index 7
            + "0800" + "0200" + "0A000064" // IFA_LOCAL
            + "0800" + "0100" + "0A000064" // IFA_ADDRESS
            + "0B00" + "0300" + "657468303A7600" + "00"); // IFA_LABEL "eth0:v\0", padded to 4
    }

    [Fact]
    public void Address_Delete_HasNoCreateFlags()
    {
        var bytes = RouteMessages.Address(add: false, new AddressSpec(IPAddress.Parse("10.0.0.1"), 32, 2), 1);

        BitConverter.ToUInt16(bytes, 4).Should().Be(21);
        BitConverter.ToUInt16(bytes, 6).Should().Be(0x5);
        BitConverter.ToUInt32(bytes, 0).Should().Be((uint)bytes.Length);
    }

    [Fact]
    public void Route_WithGatewayAndMetric_EncodesRtmsg()
    {
        var spec = new RouteSpec(IPAddress.Parse("192.168.5.0"), 24) { Gateway = IPAddress.Parse("10.0.0.1"), InterfaceIndex = 3, Metric = 50 };

        var bytes = RouteMessages.Route(add: true, spec, 2);

        Convert.ToHexString(bytes).Should().Be(
            "44000000" + "1800" + "0505" + "02000000" + "00000000"
            + "02" + "18" + "00" + "00" + "FE" + "12" + "00" + "01" + "00000000" // rtmsg: main, proto keepalived, universe, unicast
            + "0800" + "0100" + "C0A80500" // RTA_DST
            + "0800" + "0F00" + "FE000000" // RTA_TABLE
            + "0800" + "0500" + "0A000001" // RTA_GATEWAY
            + "0800" + "0400" + "03000000" // RTA_OIF
            + "0800" + "0600" + "32000000"); // RTA_PRIORITY
    }

    [Theory]
    [InlineData(null, (byte)1, (byte)253)]
    [InlineData("10.0.0.1", (byte)1, (byte)0)]
    [InlineData(null, (byte)6, (byte)0)]
    public void Route_DefaultScope_FollowsIpRoute(string? gateway, byte type, byte expectedScope)
    {
        var spec = new RouteSpec(IPAddress.Parse("10.1.0.0"), 16) { Gateway = gateway is null ? null : IPAddress.Parse(gateway), Type = type };

        RouteMessages.Route(true, spec, 1)[16 + 6].Should().Be(expectedScope);
    }

    [Fact]
    public void DumpLinks_IsGetLinkDumpWithEmptyIfinfomsg()
    {
        Convert.ToHexString(RouteMessages.DumpLinks(5)).Should().Be(
            "20000000" + "1200" + "0103" + "05000000" + "00000000" + new string('0', 32));
    }
}
