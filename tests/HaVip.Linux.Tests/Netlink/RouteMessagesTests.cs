using System.Net;
using System.Net.Sockets;
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
    public void Address_AddIpv6Deprecated_Inet6WithNodadAndCacheInfoButNoLabel()
    {
        var spec = new AddressSpec(IPAddress.Parse("fd00::64"), 128, 7) { Label = "eth0:v", PreferredLifetime = 0 };

        var bytes = RouteMessages.Address(add: true, spec, sequence: 9);

        // As keepalived 2.2.7 adds an IPv6 VIP: AF_INET6, IFA_F_NODAD, preferred 0 / valid forever.
        Convert.ToHexString(bytes).Should().Be(
            "54000000" + "1400" + "0506" + "09000000" + "00000000"
            + "0A" + "80" + "02" + "00" + "07000000" // ifaddrmsg: AF_INET6, /128, IFA_F_NODAD, scope global, index 7
            + "1400" + "0200" + "FD000000000000000000000000000064" // IFA_LOCAL
            + "1400" + "0100" + "FD000000000000000000000000000064" // IFA_ADDRESS
            + "1400" + "0600" + "00000000" + "FFFFFFFF" + "00000000" + "00000000"); // IFA_CACHEINFO
    }

    [Fact]
    public void Address_DeleteIpv6_Inet6WithoutFlags()
    {
        var bytes = RouteMessages.Address(add: false, new AddressSpec(IPAddress.Parse("fd00::64"), 64, 7) { PreferredLifetime = 0 }, 1);

        (bytes[16], bytes[17], bytes[18]).Should().Be(((byte)10, (byte)64, (byte)0));
        bytes.Length.Should().Be(16 + 8 + 20 + 20, "only IFA_LOCAL and IFA_ADDRESS");
    }

    [Fact]
    public void Route_Ipv6Destination_Inet6Family()
    {
        var bytes = RouteMessages.Route(add: true, new RouteSpec(IPAddress.Parse("fd00:1::"), 64) { InterfaceIndex = 3 }, 2);

        (bytes[16], bytes[17]).Should().Be(((byte)10, (byte)64));
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

    [Fact]
    public void Route_Multipath_EncodesRtaMultipathWithEachHopAndNoTopLevelGateway()
    {
        var spec = new RouteSpec(IPAddress.Parse("192.0.2.0"), 24)
        {
            Hops = [new RouteHop(IPAddress.Parse("10.77.0.201"), 3, Weight: 2), new RouteHop(IPAddress.Parse("10.77.0.202"), 3, OnLink: true)],
        };

        var bytes = RouteMessages.Route(add: true, spec, 2);

        // As `ip route add 192.0.2.0/24 nexthop via .201 dev if3 weight 2 nexthop via .202 dev if3 onlink`
        // (rtnetlink(7): struct rtnexthop, rtnh_hops = weight - 1, RTNH_F_ONLINK 4).
        Convert.ToHexString(bytes).Should().Be(
            "50000000" + "1800" + "0505" + "02000000" + "00000000"
            + "02" + "18" + "00" + "00" + "FE" + "12" + "00" + "01" + "00000000" // rtmsg: universe scope, as a route with gateways
            + "0800" + "0100" + "C0000200" // RTA_DST
            + "0800" + "0F00" + "FE000000" // RTA_TABLE
            + "2400" + "0900" // RTA_MULTIPATH, two hops of 16 bytes
            + "1000" + "00" + "01" + "03000000" + "0800" + "0500" + "0A4D00C9"
            + "1000" + "04" + "00" + "03000000" + "0800" + "0500" + "0A4D00CA");
    }

    [Fact]
    public void Rule_NotFromWithMarkIifAndTable_EncodesFibRuleHdrAndAttributes()
    {
        var spec = new RuleSpec
        {
            Invert = true,
            From = IPAddress.Parse("10.77.0.0"),
            FromPrefix = 24,
            FwMark = 0x10,
            FwMask = 0xff,
            InputInterface = "eth0",
            Priority = 300,
            Table = 100,
            Protocol = 18,
        };

        var bytes = RouteMessages.Rule(add: true, spec, 4);

        // As `ip rule add not from 10.77.0.0/24 fwmark 0x10/0xff iif eth0 priority 300 table 100 protocol 18`.
        Convert.ToHexString(bytes).Should().Be(
            "50000000" + "2000" + "0506" + "04000000" + "00000000" // RTM_NEWRULE, REQUEST|ACK|EXCL|CREATE
            + "02" + "00" + "18" + "00" + "64" + "00" + "00" + "01" + "02000000" // fib_rule_hdr: src_len 24, table 100, FR_ACT_TO_TBL, FIB_RULE_INVERT
            + "0800" + "0200" + "0A4D0000" // FRA_SRC
            + "0800" + "0600" + "2C010000" // FRA_PRIORITY
            + "0800" + "0A00" + "10000000" // FRA_FWMARK
            + "0800" + "1000" + "FF000000" // FRA_FWMASK
            + "0900" + "0300" + "6574683000" + "000000" // FRA_IIFNAME "eth0\0"
            + "0500" + "1500" + "12" + "000000"); // FRA_PROTOCOL
    }

    [Fact]
    public void Rule_Ipv6_Inet6FamilyWithSixteenByteAddresses()
    {
        var spec = new RuleSpec
        {
            Family = AddressFamily.InterNetworkV6,
            From = IPAddress.Parse("fd77:1::"),
            FromPrefix = 64,
            To = IPAddress.Parse("2001:db8::7"),
            ToPrefix = 128,
            Priority = 100,
            Table = 100,
        };

        var bytes = RouteMessages.Rule(add: true, spec, 4);

        // As `ip -6 rule add from fd77:1::/64 to 2001:db8::7 priority 100 table 100`.
        Convert.ToHexString(bytes).Should().Be(
            "4C000000" + "2000" + "0506" + "04000000" + "00000000"
            + "0A" + "80" + "40" + "00" + "64" + "00" + "00" + "01" + "00000000" // fib_rule_hdr: AF_INET6, dst_len 128, src_len 64, table 100, FR_ACT_TO_TBL
            + "1400" + "0200" + "FD770001000000000000000000000000" // FRA_SRC
            + "1400" + "0100" + "20010DB8000000000000000000000007" // FRA_DST
            + "0800" + "0600" + "64000000"); // FRA_PRIORITY
    }

    [Fact]
    public void Rule_GotoAndBigTable_UseFraGotoAndFraTable()
    {
        var go = RouteMessages.Rule(false, new RuleSpec { Action = 2, GotoTarget = 600, Priority = 500 }, 1);
        var big = RouteMessages.Rule(true, new RuleSpec { Table = 1000, Priority = 5 }, 1);

        BitConverter.ToUInt16(go, 4).Should().Be(33, "RTM_DELRULE");
        Convert.ToHexString(go[^8..]).Should().Be("0800" + "0400" + "58020000", "FRA_GOTO 600");
        big[16 + 4].Should().Be(0, "a table above 255 is RT_TABLE_UNSPEC in the header");
        Convert.ToHexString(big[28..36]).Should().Be("0800" + "0F00" + "E8030000", "FRA_TABLE 1000");
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
