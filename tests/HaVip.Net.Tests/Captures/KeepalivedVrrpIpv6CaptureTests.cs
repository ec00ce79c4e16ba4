using System.Net;
using HaVip.Net.Checksums;
using HaVip.Net.Ethernet;
using HaVip.Net.IPv6;
using HaVip.Net.Ndp;
using HaVip.Net.Vrrp;

namespace HaVip.Net.Tests.Captures;

/// <summary>keepalived 2.2.7's VRRPv3 over IPv6 (see README.md): adverts and unsolicited NAs decode and re-encode exactly.</summary>
public sealed class KeepalivedVrrpIpv6CaptureTests
{
    private static readonly IPAddress KeepalivedLinkLocal = IPAddress.Parse("fe80::48:56ff:fe00:e");
    private static readonly MacAddress KeepalivedMac = MacAddress.Parse("02:48:56:00:00:0e");

    public static TheoryData<string> Files => [CapturedFrames.V6MulticastFile, CapturedFrames.V6UnicastFile];

    [Theory]
    [MemberData(nameof(Files))]
    public void TryRead_EveryCapturedAdvert_DecodesAndReencodesByteExact(string file)
    {
        var datagrams = CapturedFrames.IPv6VrrpDatagrams(file);
        datagrams.Should().HaveCountGreaterThan(3);
        foreach (var datagram in datagrams)
        {
            VrrpIpv6Packet.TryRead(datagram, out var packet, out var reason).Should().BeTrue(reason.ToString());
            var buffer = new byte[datagram.Length];
            packet!.TryWrite(buffer, out var written).Should().BeTrue();
            buffer[..written].Should().Equal(datagram);
        }
    }

    [Fact]
    public void TryRead_MulticastCapture_LinkLocalSourceToFf02_12HopLimit255()
    {
        var packets = Decode(CapturedFrames.V6MulticastFile);

        packets.Should().AllSatisfy(p =>
        {
            p.Ip.Should().Match<IPv6Header>(ip => ip.HopLimit == 255 && ip.TrafficClass == 0xC0 && ip.NextHeader == 112);
            p.Ip.Source.Should().Be(KeepalivedLinkLocal);
            p.Ip.Destination.Should().Be(VrrpProtocol.IPv6Multicast);
            p.Advertisement.Version.Should().Be(VrrpVersion.V3);
            p.Advertisement.VirtualRouterId.Should().Be(53);
            p.Advertisement.AdvertInterval.Should().Be(TimeSpan.FromMilliseconds(100));
            p.Advertisement.Addresses.Should().Equal(IPAddress.Parse("fd00:240::100"), IPAddress.Parse("fd00:240::101"));
        });
        packets.Select(p => p.Advertisement.Priority).Should().StartWith(200).And.EndWith(0);
    }

    [Fact]
    public void TryRead_UnicastCapture_FromUnicastSrcIpWithKernelDefaultHopLimit()
    {
        var packets = Decode(CapturedFrames.V6UnicastFile);

        // keepalived 2.2.7 sets no hop limit on its IPv6 unicast socket: the kernel's 64 goes
        // out, so a receiver with unicast peers must not require 255 (as for unicast_ttl).
        packets.Should().AllSatisfy(p =>
        {
            p.Ip.HopLimit.Should().Be(64);
            p.Ip.Source.Should().Be(IPAddress.Parse("fd00:240::14"));
            p.Ip.Destination.Should().Be(IPAddress.Parse("fd00:240::15"));
            p.Advertisement.VirtualRouterId.Should().Be(54);
            p.Advertisement.MaxAdvertInterval.Should().Be(50);
            p.Advertisement.Addresses.Should().Equal(IPAddress.Parse("fd00:240::102"));
        });
        packets.Select(p => p.Advertisement.Priority).Should().StartWith(150).And.EndWith(0);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Checksum_Capture_CoversTheIpv6PseudoHeader(string file)
    {
        foreach (var datagram in CapturedFrames.IPv6VrrpDatagrams(file))
        {
            var message = datagram.AsSpan(IPv6Header.Length);
            InternetChecksum.IsValid(message).Should().BeFalse();

            // RFC 8200 §8.1: source, destination, 32-bit upper-layer length, 3 zero bytes, next header.
            var pseudo = new byte[40];
            datagram.AsSpan(8, 32).CopyTo(pseudo);
            var withLength = pseudo.Concat(new byte[] { 0, 0, 0, (byte)message.Length, 0, 0, 0, 112 }).ToArray();
            InternetChecksum.IsValid([.. withLength, .. message]).Should().BeTrue();
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Create_SameFieldsAsCapture_BuildsIdenticalDatagram(string file)
    {
        foreach (var datagram in CapturedFrames.IPv6VrrpDatagrams(file))
        {
            VrrpIpv6Packet.TryRead(datagram, out var captured, out _).Should().BeTrue();
            var a = captured!.Advertisement;
            var built = VrrpAdvertisement.CreateV3(a.VirtualRouterId, a.Priority, a.AdvertInterval, a.Addresses);
            var packet = VrrpIpv6Packet.Create(captured.Ip.Source, captured.Ip.Destination, built, captured.Ip.HopLimit, captured.Ip.FlowLabel);

            var buffer = new byte[200];
            packet.TryWrite(buffer, out var written).Should().BeTrue();
            buffer[..written].Should().Equal(datagram);
        }
    }

    [Fact]
    public void Check_CapturedAdvertsAgainstTheirConfiguration_Accepted()
    {
        var multicast = new VrrpExpectations(VrrpVersion.V3, 53, [IPAddress.Parse("fd00:240::101"), IPAddress.Parse("fd00:240::100")]);
        var unicast = new VrrpExpectations(VrrpVersion.V3, 54, [IPAddress.Parse("fd00:240::102")]) { RequireTtl255 = false };

        Decode(CapturedFrames.V6MulticastFile).Select(p => VrrpAdvertCheck.Check(p, multicast)).Should().AllBeEquivalentTo(DropReason.None);
        Decode(CapturedFrames.V6UnicastFile).Select(p => VrrpAdvertCheck.Check(p, unicast)).Should().AllBeEquivalentTo(DropReason.None);
        Decode(CapturedFrames.V6UnicastFile).Select(p => VrrpAdvertCheck.Check(p, unicast with { RequireTtl255 = true }))
            .Should().AllBeEquivalentTo(DropReason.BadTtl);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void NeighborAdvertisement_CapturedClaims_AreFromTheVipWithOverrideAndReencodeByteExact(string file)
    {
        var frames = CapturedFrames.NeighborAdvertisementFrames(file)
            .Where(f => EthernetHeader.TryRead(f, out var h, out _) && h.Source == KeepalivedMac).ToList();
        frames.Should().NotBeEmpty();
        foreach (var frame in frames)
        {
            NeighborAdvertisement.TryRead(frame, out var na, out var reason).Should().BeTrue(reason.ToString());
            na.IsClaim.Should().BeTrue();
            na.Router.Should().BeFalse();
            na.Source.Should().Be(na.Target, "keepalived sends each NA from the VIP it announces");
            na.Destination.Should().Be(IPAddress.Parse("ff02::1"));
            na.TargetLinkLayer.Should().Be(KeepalivedMac);

            var built = NeighborAdvertisement.CreateClaim(KeepalivedMac, na.Target);
            var buffer = new byte[built.Length];
            built.TryWrite(buffer, NeighborAdvertisement.AllNodesMac, out _).Should().BeTrue();
            buffer.Should().Equal(frame);
        }
    }

    private static List<VrrpIpv6Packet> Decode(string file) =>
        [.. CapturedFrames.IPv6VrrpDatagrams(file).Select(d => VrrpIpv6Packet.TryRead(d, out var p, out _) ? p : null!)];
}
