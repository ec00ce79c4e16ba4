using System.Net;
using HaVip.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Tests.Instances;

public sealed class AdvertCodecTests
{
    [Theory]
    [InlineData(VrrpVersion.V2, 1000)]
    [InlineData(VrrpVersion.V3, 100)]
    public void Build_ThenRead_GivesTheAdvertEvent(VrrpVersion version, int intervalMs)
    {
        var sender = new AdvertCodec(Options(version, intervalMs, "10.0.0.2", version == VrrpVersion.V2 ? "secret" : null));
        var receiver = new AdvertCodec(Options(version, intervalMs, "10.0.0.1", version == VrrpVersion.V2 ? "secret" : null));

        var (e, drop) = receiver.Read(sender.Build(120, IPAddress.Parse("224.0.0.18"), 7));

        drop.Should().Be(DropReason.None);
        e.Should().NotBeNull();
        (e!.Source, e.Priority, e.MaxAdverInterval).Should().Be((IPAddress.Parse("10.0.0.2"), (byte)120, TimeSpan.FromMilliseconds(intervalMs)));
        e.Addresses.Should().Equal(IPAddress.Parse("10.0.0.100"));
    }

    [Fact]
    public void Build_V2_IsKeepalivedShaped()
    {
        var bytes = new AdvertCodec(Options(VrrpVersion.V2, 1000, "10.0.0.2", "secret")).Build(120, IPAddress.Parse("224.0.0.18"), 1);

        (bytes[1], bytes[8], bytes[9]).Should().Be(((byte)0xC0, (byte)255, (byte)112), "TOS 0xc0, TTL 255, protocol 112");
        bytes[20].Should().Be(0x21, "version 2, type advertisement");
    }

    [Theory]
    [InlineData("other", DropReason.AuthMismatch)]
    [InlineData(null, DropReason.AuthTypeMismatch)]
    public void Read_V2WrongAuth_DroppedWithReason(string? password, DropReason reason)
    {
        var sender = new AdvertCodec(Options(VrrpVersion.V2, 1000, "10.0.0.2", password));
        var receiver = new AdvertCodec(Options(VrrpVersion.V2, 1000, "10.0.0.1", "secret"));

        receiver.Read(sender.Build(120, IPAddress.Parse("224.0.0.18"), 1)).Drop.Should().Be(reason);
    }

    [Fact]
    public void Read_TtlNot255_DroppedAsBadTtl()
    {
        var bytes = WithTtl(new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.2", null)).Build(120, IPAddress.Parse("224.0.0.18"), 1), 64);

        new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.1", null)).Read(bytes).Drop.Should().Be(DropReason.BadTtl);
    }

    [Fact]
    public void Build_UnicastTtl_SetsTheTtlOfUnicastAdvertsOnly()
    {
        var codec = new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.2", null) with { UnicastPeers = [IPAddress.Parse("10.0.0.1")], UnicastTtl = 5 });

        codec.Build(120, IPAddress.Parse("10.0.0.1"), 1)[8].Should().Be(5, "keepalived's unicast_ttl");
        codec.Datagram(120, IPAddress.Parse("10.0.0.1"))[8].Should().Be(5, "the cached datagram too");
    }

    [Fact]
    public void Read_UnicastAdvertWithTtlBelow255_AcceptedAsKeepalivedDoes()
    {
        // keepalived checks TTL 255 only without unicast peers (vrrp_check_packet): a routed peer's
        // adverts arrive with less.
        var bytes = WithTtl(new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.2", null)).Build(120, IPAddress.Parse("10.0.0.1"), 1), 64);
        var receiver = new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.1", null) with { UnicastPeers = [IPAddress.Parse("10.0.0.2")] });

        receiver.Read(bytes).Drop.Should().Be(DropReason.None);
    }

    [Fact]
    public void Read_OtherVrid_IgnoredWithoutCounting()
    {
        var other = Options(VrrpVersion.V3, 100, "10.0.0.2", null) with { VirtualRouterId = 99 };
        var bytes = new AdvertCodec(other).Build(120, IPAddress.Parse("224.0.0.18"), 1);

        new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.1", null)).Read(bytes).Should().Be(((AdvertReceived?)null, DropReason.None));
    }

    [Fact]
    public void Read_Garbage_DroppedNotThrown()
    {
        new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.1", null)).Read(new byte[] { 0x45, 0, 0 }).Drop.Should().Be(DropReason.TooShort);
    }

    // Adverts keepalived 2.2.7 sent (HaVip.Net.Tests/Captures): VRID 53 from fe80::48:56ff:fe00:e to
    // ff02::12, and VRID 54 from fd00:240::14 to fd00:240::15 with hop limit 64.
    private const string KeepalivedIpv6Multicast =
        "6c075218002870fffe80000000000000004856fffe00000eff0200000000000000000000000000123135c802000ab2b6"
        + "fd000240000000000000000000000100fd000240000000000000000000000101";

    private const string KeepalivedIpv6Unicast =
        "6c08aab900187040fd000240000000000000000000000014fd0002400000000000000000000000153136960100323920"
        + "fd000240000000000000000000000102";

    [Fact]
    public void Build_Ipv6_KeepalivedsBytesApartFromTheFlowLabel()
    {
        var options = Options(VrrpVersion.V3, 100, "fe80::48:56ff:fe00:e", null) with
        {
            VirtualRouterId = 53,
            VirtualAddresses = [new VirtualAddress(IPAddress.Parse("fd00:240::100"), 64), new VirtualAddress(IPAddress.Parse("fd00:240::101"), 64)],
        };

        var bytes = new AdvertCodec(options).Build(200, VrrpProtocol.IPv6Multicast, 0);

        // The kernel picks keepalived's flow label per socket; ours is 0 (RFC 6437 allows both).
        var expected = Convert.FromHexString(KeepalivedIpv6Multicast);
        (expected[1], expected[2], expected[3]) = (0x00, 0x00, 0x00);
        Convert.ToHexStringLower(bytes).Should().Be(Convert.ToHexStringLower(expected));
    }

    [Fact]
    public void Read_KeepalivedIpv6UnicastAdvertWithHopLimit64_AcceptedFromAUnicastPeer()
    {
        var receiver = new AdvertCodec(Options(VrrpVersion.V3, 500, "fd00:240::15", null) with
        {
            VirtualRouterId = 54,
            UnicastPeers = [IPAddress.Parse("fd00:240::14")],
            VirtualAddresses = [new VirtualAddress(IPAddress.Parse("fd00:240::102"), 64)],
        });

        var (e, drop) = receiver.Read(Convert.FromHexString(KeepalivedIpv6Unicast));

        drop.Should().Be(DropReason.None);
        (e!.Source, e.Priority, e.MaxAdverInterval).Should().Be((IPAddress.Parse("fd00:240::14"), (byte)150, TimeSpan.FromMilliseconds(500)));
        e.Addresses.Should().Equal(IPAddress.Parse("fd00:240::102"));
    }

    [Theory]
    [InlineData(255, DropReason.None)]
    [InlineData(254, DropReason.BadTtl)]
    public void Read_Ipv6MulticastAdvert_RequiresHopLimit255(byte hopLimit, DropReason expected)
    {
        var bytes = Convert.FromHexString(KeepalivedIpv6Multicast);
        bytes[7] = hopLimit; // not covered by the checksum: RFC 5798 §5.1.2.3 makes the receiver check it
        var receiver = new AdvertCodec(Options(VrrpVersion.V3, 100, "fe80::48:56ff:fe00:f", null) with
        {
            VirtualRouterId = 53,
            VirtualAddresses = [new VirtualAddress(IPAddress.Parse("fd00:240::100"), 64), new VirtualAddress(IPAddress.Parse("fd00:240::101"), 64)],
        });

        receiver.Read(bytes).Drop.Should().Be(expected);
    }

    /// <summary>
    /// The codec keeps its last verdict, so the event's address list is live heap per backup
    /// instance: a peer listing our addresses (in our order) gets our own array, not a decoded copy.
    /// </summary>
    [Fact]
    public void Read_PeerListsOurAddresses_EventHoldsOurArrayNotACopy()
    {
        var receiver = new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.1", null));
        var sender = new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.2", null));
        var other = new AdvertCodec(Options(VrrpVersion.V3, 100, "10.0.0.3", null) with
        {
            VirtualAddresses = [new VirtualAddress(IPAddress.Parse("10.0.0.100"), 24), new VirtualAddress(IPAddress.Parse("10.0.0.101"), 24)],
        });

        var first = receiver.Read(sender.Build(120, VrrpProtocol.IPv4Multicast, 1)).Event;
        var second = receiver.Read(sender.Build(130, VrrpProtocol.IPv4Multicast, 2)).Event;
        var differs = receiver.Read(other.Build(140, VrrpProtocol.IPv4Multicast, 3)).Event;

        (first!.Priority, second!.Priority).Should().Be(((byte)120, (byte)130));
        second.Addresses.Should().BeSameAs(first.Addresses);
        second.Addresses.Should().Equal(IPAddress.Parse("10.0.0.100"));
        differs!.Addresses.Should().Equal(IPAddress.Parse("10.0.0.100"), IPAddress.Parse("10.0.0.101"));
    }

    private static byte[] WithTtl(byte[] bytes, byte ttl)
    {
        bytes[8] = ttl;
        bytes[10] = bytes[11] = 0;
        var checksum = HaVip.Net.Checksums.InternetChecksum.Compute(bytes.AsSpan(0, 20));
        (bytes[10], bytes[11]) = ((byte)(checksum >> 8), (byte)checksum);
        return bytes;
    }

    internal static VrrpRouterOptions Options(VrrpVersion version, int intervalMs, string primary, string? password) => new()
    {
        VirtualRouterId = 51,
        Priority = 100,
        PrimaryAddress = IPAddress.Parse(primary),
        Version = version,
        AdvertisementInterval = TimeSpan.FromMilliseconds(intervalMs),
        AuthPassword = password,
        VirtualAddresses = [new VirtualAddress(IPAddress.Parse("10.0.0.100"), 24)],
    };
}
