using System.Net;
using HaVip.Net.Checksums;
using HaVip.Net.IPv4;
using HaVip.Net.Vrrp;

namespace HaVip.Net.Tests.Captures;

/// <summary>Adverts keepalived 2.2.7 put on the wire (see README.md) decode and re-encode exactly.</summary>
public sealed class KeepalivedVrrpCaptureTests
{
    public static TheoryData<string> Files => [CapturedFrames.V2File, CapturedFrames.V3File];

    [Theory]
    [MemberData(nameof(Files))]
    public void TryRead_EveryCapturedAdvert_DecodesAndReencodesByteExact(string file)
    {
        var datagrams = CapturedFrames.IPv4Datagrams(file);
        datagrams.Should().HaveCountGreaterThan(3);
        foreach (var datagram in datagrams)
        {
            VrrpIpv4Packet.TryRead(datagram, out var packet, out var reason).Should().BeTrue(reason.ToString());
            var buffer = new byte[datagram.Length];
            packet!.TryWrite(buffer, out var written).Should().BeTrue();
            buffer[..written].Should().Equal(datagram);
        }
    }

    [Fact]
    public void TryRead_V2UnicastPassCapture_HasConfiguredFields()
    {
        var packets = Decode(CapturedFrames.V2File);

        packets.Should().AllSatisfy(p =>
        {
            p.Ip.Should().Match<IPv4Header>(ip => ip.Ttl == 255 && ip.TypeOfService == 0xC0 && ip.Protocol == 112);
            p.Ip.Source.Should().Be(IPAddress.Parse("10.0.240.14"));
            p.Ip.Destination.Should().Be(IPAddress.Parse("10.0.240.15"));
            p.Advertisement.Version.Should().Be(VrrpVersion.V2);
            p.Advertisement.VirtualRouterId.Should().Be(51);
            p.Advertisement.AdvertInterval.Should().Be(TimeSpan.FromSeconds(1));
            p.Advertisement.AuthType.Should().Be(VrrpAuthType.SimplePassword);
            p.Advertisement.AuthData.ToPassword().Should().Be("1111");
            p.Advertisement.Addresses.Should().Equal(IPAddress.Parse("10.0.240.100"));
        });
        packets.Select(p => p.Advertisement.Priority).Should().StartWith(150).And.EndWith(0);
    }

    [Fact]
    public void TryRead_V3MulticastCapture_HasConfiguredFields()
    {
        var packets = Decode(CapturedFrames.V3File);

        packets.Should().AllSatisfy(p =>
        {
            p.Ip.Ttl.Should().Be(255);
            p.Ip.Destination.Should().Be(VrrpProtocol.IPv4Multicast);
            p.Advertisement.Version.Should().Be(VrrpVersion.V3);
            p.Advertisement.VirtualRouterId.Should().Be(52);
            p.Advertisement.MaxAdvertInterval.Should().Be(10);
            p.Advertisement.AdvertInterval.Should().Be(TimeSpan.FromMilliseconds(100));
            p.Advertisement.AuthType.Should().Be(VrrpAuthType.None);
            p.Advertisement.Addresses.Should().Equal(
                IPAddress.Parse("10.0.240.101"), IPAddress.Parse("10.0.240.102"), IPAddress.Parse("10.0.240.103"));
        });
        packets.Select(p => p.Advertisement.Priority).Should().StartWith(200).And.EndWith(0);
    }

    [Fact]
    public void Checksum_V2Capture_CoversVrrpMessageOnly()
    {
        foreach (var datagram in CapturedFrames.IPv4Datagrams(CapturedFrames.V2File))
            InternetChecksum.IsValid(datagram.AsSpan(IPv4Header.MinLength)).Should().BeTrue();
    }

    [Fact]
    public void Checksum_V3Capture_CoversPseudoHeaderNotMessageAlone()
    {
        foreach (var datagram in CapturedFrames.IPv4Datagrams(CapturedFrames.V3File))
        {
            var message = datagram.AsSpan(IPv4Header.MinLength);
            InternetChecksum.IsValid(message).Should().BeFalse();
            var pseudo = new byte[12];
            datagram.AsSpan(12, 8).CopyTo(pseudo);
            pseudo[9] = 112;
            pseudo[11] = (byte)message.Length;
            InternetChecksum.IsValid([.. pseudo, .. message]).Should().BeTrue();
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Create_SameFieldsAsCapture_BuildsIdenticalDatagram(string file)
    {
        foreach (var datagram in CapturedFrames.IPv4Datagrams(file))
        {
            VrrpIpv4Packet.TryRead(datagram, out var captured, out _).Should().BeTrue();
            var advert = captured!.Advertisement;
            var built = advert.Version == VrrpVersion.V2
                ? VrrpAdvertisement.CreateV2(advert.VirtualRouterId, advert.Priority, advert.AdvertInterval, advert.Addresses, "1111")
                : VrrpAdvertisement.CreateV3(advert.VirtualRouterId, advert.Priority, advert.AdvertInterval, advert.Addresses);
            var packet = VrrpIpv4Packet.Create(captured.Ip.Source, captured.Ip.Destination, built, captured.Ip.Identification);

            var buffer = new byte[100];
            packet.TryWrite(buffer, out var written).Should().BeTrue();
            buffer[..written].Should().Equal(datagram);
        }
    }

    [Fact]
    public void Check_CapturedAdvertsAgainstTheirConfiguration_Accepted()
    {
        var v2 = new VrrpExpectations(VrrpVersion.V2, 51, [IPAddress.Parse("10.0.240.100")])
        {
            AuthType = VrrpAuthType.SimplePassword,
            AuthData = VrrpAuthData.FromPassword("1111"),
            AdvertInterval = TimeSpan.FromSeconds(1),
        };
        var v3 = new VrrpExpectations(VrrpVersion.V3, 52,
            [IPAddress.Parse("10.0.240.103"), IPAddress.Parse("10.0.240.101"), IPAddress.Parse("10.0.240.102")]);

        Decode(CapturedFrames.V2File).Select(p => VrrpAdvertCheck.Check(p, v2)).Should().AllBeEquivalentTo(DropReason.None);
        Decode(CapturedFrames.V3File).Select(p => VrrpAdvertCheck.Check(p, v3)).Should().AllBeEquivalentTo(DropReason.None);
    }

    private static List<VrrpIpv4Packet> Decode(string file) =>
        [.. CapturedFrames.IPv4Datagrams(file).Select(d => VrrpIpv4Packet.TryRead(d, out var p, out _) ? p : null!)];
}
