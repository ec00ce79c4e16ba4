using System.Net;
using System.Net.Sockets;
using HaVip.Net.Vrrp;
using HaVip.Vrrpd.Scheduling;

namespace HaVip.Vrrpd.Tests.Scheduling;

public sealed class AdvertDemuxTests
{
    private sealed record Item(string Name);

    private static readonly Item A51 = new("eth0/51");
    private static readonly Item B51 = new("eth0/51 again");
    private static readonly Item A52 = new("eth0/52");
    private static readonly Item C51 = new("eth1/51");
    private static readonly Item V6 = new("eth0/51 IPv6");

    private static AdvertDemux<Item> Demux()
    {
        var d = new AdvertDemux<Item>();
        d.Add("eth0", AddressFamily.InterNetwork, 51, A51);
        d.Add("eth0", AddressFamily.InterNetwork, 51, B51);
        d.Add("eth0", AddressFamily.InterNetwork, 52, A52);
        d.Add("eth1", AddressFamily.InterNetwork, 51, C51);
        return d;
    }

    [Theory]
    [InlineData("eth0", 51, new[] { "eth0/51", "eth0/51 again" })]
    [InlineData("eth0", 52, new[] { "eth0/52" })]
    [InlineData("eth0", 53, new string[0])]
    [InlineData("eth1", 51, new[] { "eth1/51" })]
    [InlineData("eth2", 51, new string[0])]
    public void Route_Advert_GoesToTheInstancesOfItsInterfaceAndVrid(string device, byte vrid, string[] expected) =>
        Demux().Route(device, Advert(vrid)).Select(i => i.Name).Should().Equal(expected);

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(21)]
    public void Route_TooShortForAVrid_GoesToEveryInstanceOfTheInterfaceToBeCounted(int length) =>
        Demux().Route("eth0", Advert(51).AsSpan(0, length)).Should().BeEquivalentTo([A51, B51, A52]);

    [Fact]
    public void Route_NeitherIPv4NorIPv6_GoesToEveryInstanceOfTheInterface()
    {
        var d = Demux();
        d.Add("eth0", AddressFamily.InterNetworkV6, 51, V6);
        var datagram = Advert(51);
        datagram[0] = 0x75;
        d.Route("eth0", datagram).Should().HaveCount(4);
    }

    [Fact]
    public void Route_SameVridInBothFamilies_EachAdvertGoesToItsFamilyOnly()
    {
        var d = Demux();
        d.Add("eth0", AddressFamily.InterNetworkV6, 51, V6);

        d.Route("eth0", Advert(51)).Should().Equal(A51, B51);
        d.Route("eth0", Advert6(51)).Should().Equal(V6);
        d.Route("eth0", Advert6(51).AsSpan(0, 41)).Should().Equal([V6], "too short for a VRID: every IPv6 instance counts the drop");
        d.Route("eth1", Advert6(51)).Should().BeEmpty();
    }

    [Fact]
    public void Remove_Instances_NoLongerRouted()
    {
        var d = Demux();
        d.Remove("eth0", AddressFamily.InterNetwork, 51, A51);
        d.Route("eth0", Advert(51)).Should().Equal(B51);

        d.Remove("eth1", AddressFamily.InterNetwork, 51, C51);
        d.Route("eth1", Advert(51)).Should().BeEmpty();
        d.Route("eth1", []).Should().BeEmpty();
    }

    private static byte[] Advert(byte vrid) =>
        Bytes(VrrpIpv4Packet.Create(IPAddress.Parse("10.0.0.1"), VrrpProtocol.IPv4Multicast, V3(vrid, "10.0.0.100")).TryWrite);

    private static byte[] Advert6(byte vrid) =>
        Bytes(VrrpIpv6Packet.Create(IPAddress.Parse("fe80::1"), VrrpProtocol.IPv6Multicast, V3(vrid, "fd00::100")).TryWrite);

    private static VrrpAdvertisement V3(byte vrid, string vip) => VrrpAdvertisement.CreateV3(vrid, 100, TimeSpan.FromSeconds(1), [IPAddress.Parse(vip)]);

    private delegate bool Writer(Span<byte> destination, out int written);

    private static byte[] Bytes(Writer write)
    {
        var bytes = new byte[128];
        write(bytes, out var n).Should().BeTrue();
        return bytes[..n];
    }
}
