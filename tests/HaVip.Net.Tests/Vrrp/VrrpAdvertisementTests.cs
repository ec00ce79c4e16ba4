using System.Collections.Immutable;
using System.Net;
using HaVip.Net.Vrrp;

namespace HaVip.Net.Tests.Vrrp;

public sealed class VrrpAdvertisementTests
{
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.240.100");

    [Fact]
    public void TryRead_CapturedV2Message_ReadsAllFields()
    {
        VrrpAdvertisement.TryRead(TestPackets.V2Message, TestPackets.Source, TestPackets.Peer, out var advert, out _)
            .Should().BeTrue();

        advert.Should().Be(VrrpAdvertisement.CreateV2(51, 150, TimeSpan.FromSeconds(1), [Vip], "1111"));
        advert!.Length.Should().Be(20);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(255, 255)]
    [InlineData(100, 1)]
    public void TryWrite_V2_RoundTrips(byte vrid, byte priority)
    {
        var advert = VrrpAdvertisement.CreateV2(vrid, priority, TimeSpan.FromSeconds(3), [Vip, TestPackets.Peer]);

        RoundTrip(advert, TestPackets.Source, TestPackets.Peer).Should().Be(advert);
    }

    [Fact]
    public void TryWrite_V3IPv6_RoundTripsWithIPv6PseudoHeader()
    {
        var source = IPAddress.Parse("fe80::48:56ff:fe00:e");
        var advert = VrrpAdvertisement.CreateV3(9, 120, TimeSpan.FromSeconds(1),
            [IPAddress.Parse("fe80::1"), IPAddress.Parse("2001:db8::10")]);

        var message = Write(advert, source, VrrpProtocol.IPv6Multicast);

        message.Length.Should().Be(8 + 32);
        VrrpAdvertisement.TryRead(message, source, VrrpProtocol.IPv6Multicast, out var back, out _).Should().BeTrue();
        back.Should().Be(advert);
        // The pseudo-header binds the checksum to the addresses it was sent between.
        VrrpAdvertisement.TryRead(message, IPAddress.Parse("fe80::2"), VrrpProtocol.IPv6Multicast, out _, out var reason)
            .Should().BeFalse();
        reason.Should().Be(DropReason.BadChecksum);
    }

    [Fact]
    public void TryWrite_V3MaxAddresses_RoundTrips()
    {
        var addresses = Enumerable.Range(0, 255).Select(i => new IPAddress([10, 1, 0, (byte)i]));
        var advert = VrrpAdvertisement.CreateV3(1, 1, TimeSpan.FromMilliseconds(40_950), addresses);

        RoundTrip(advert, TestPackets.Source, VrrpProtocol.IPv4Multicast).Should().Be(advert);
    }

    public static TheoryData<string, VrrpAdvertisement, IPAddress> Unencodable => new()
    {
        { "no addresses", VrrpAdvertisement.CreateV3(1, 1, TimeSpan.FromSeconds(1), []), TestPackets.Source },
        { "default addresses", new(VrrpVersion.V3, 1, 1, 100, default), TestPackets.Source },
        { "256 addresses", VrrpAdvertisement.CreateV3(1, 1, TimeSpan.FromSeconds(1), Enumerable.Repeat(Vip, 256)), TestPackets.Source },
        { "mixed families", VrrpAdvertisement.CreateV3(1, 1, TimeSpan.FromSeconds(1), [Vip, IPAddress.IPv6Loopback]), TestPackets.Source },
        { "ipv6 in v2", new(VrrpVersion.V2, 1, 1, 1, [IPAddress.IPv6Loopback]), IPAddress.IPv6Loopback },
        { "v2 interval 256", new(VrrpVersion.V2, 1, 1, 256, [Vip]), TestPackets.Source },
        { "v3 interval 4096", new(VrrpVersion.V3, 1, 1, 4096, [Vip]), TestPackets.Source },
        { "version 4", new((VrrpVersion)4, 1, 1, 1, [Vip]), TestPackets.Source },
        { "ipv4 adverts from ipv6 source", VrrpAdvertisement.CreateV3(1, 1, TimeSpan.FromSeconds(1), [Vip]), IPAddress.IPv6Loopback },
    };

    [Theory]
    [MemberData(nameof(Unencodable))]
    public void TryWrite_Unencodable_ReturnsFalse(string because, VrrpAdvertisement advert, IPAddress source)
    {
        var destination = source.AddressFamily == TestPackets.Source.AddressFamily ? TestPackets.Peer : IPAddress.IPv6Loopback;

        advert.TryWrite(new byte[2048], source, destination, out var written).Should().BeFalse(because);
        written.Should().Be(0);
    }

    [Fact]
    public void TryWrite_BufferOneByteShort_ReturnsFalse()
    {
        var advert = VrrpAdvertisement.CreateV2(51, 150, TimeSpan.FromSeconds(1), [Vip], "1111");

        advert.TryWrite(new byte[19], TestPackets.Source, TestPackets.Peer, out _).Should().BeFalse();
    }

    [Fact]
    public void Equals_SameAddressesInOtherArray_Equal()
    {
        var a = VrrpAdvertisement.CreateV3(1, 1, TimeSpan.FromSeconds(1), [Vip]);
        var b = a with { Addresses = ImmutableArray.Create(IPAddress.Parse("10.0.240.100")) };

        b.Should().Be(a);
        b.GetHashCode().Should().Be(a.GetHashCode());
        (a with { Priority = 2 }).Should().NotBe(a);
    }

    private static byte[] Write(VrrpAdvertisement advert, IPAddress source, IPAddress destination)
    {
        var buffer = new byte[advert.Length];
        advert.TryWrite(buffer, source, destination, out var written).Should().BeTrue();
        written.Should().Be(advert.Length);
        return buffer;
    }

    private static VrrpAdvertisement? RoundTrip(VrrpAdvertisement advert, IPAddress source, IPAddress destination)
    {
        VrrpAdvertisement.TryRead(Write(advert, source, destination), source, destination, out var back, out var reason)
            .Should().BeTrue(reason.ToString());
        return back;
    }
}
