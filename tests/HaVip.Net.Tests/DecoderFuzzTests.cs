using System.Net;
using CsCheck;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;
using HaVip.Net.IPv4;
using HaVip.Net.Tests.Captures;
using HaVip.Net.Vrrp;

namespace HaVip.Net.Tests;

/// <summary>
/// Property tests: no input makes a decoder or validator throw; it returns a drop reason,
/// and whatever decodes re-encodes to something that decodes to the same value.
/// </summary>
public sealed class DecoderFuzzTests
{
    private const long Iterations = 20_000;

    private static readonly IPAddress V6Source = IPAddress.Parse("fe80::1");

    private static readonly byte[][] Seeds =
    [
        .. CapturedFrames.Frames(CapturedFrames.V2File, EtherType.IPv4).Take(2),
        .. CapturedFrames.Frames(CapturedFrames.V3File, EtherType.IPv4).Take(2),
        .. CapturedFrames.ArpFrames(CapturedFrames.V2File).Take(3),
        Ndp.NeighborAdvertisementTests.Frame(Ndp.NeighborAdvertisementTests.Claim),
        .. CapturedFrames.Frames(CapturedFrames.V6MulticastFile, EtherType.IPv6).Take(2),
        .. CapturedFrames.Frames(CapturedFrames.V6UnicastFile, EtherType.IPv6).Take(4),
    ];

    [Fact]
    public void TryRead_ArbitraryBytes_NeverThrows()
    {
        Gen.Byte.Array[0, 120].Sample(DecodeEverything, iter: Iterations);
    }

    [Fact]
    public void TryRead_MutatedCapturedFrames_NeverThrows()
    {
        var mutations = Gen.Select(Gen.Int[0, 60], Gen.Byte).Array[1, 4];
        Gen.Select(Gen.Int[0, Seeds.Length - 1], mutations, Gen.Int[0, 80])
            .Select((seed, changes, cut) => Mutate(Seeds[seed], changes, cut))
            .Sample(DecodeEverything, iter: Iterations);
    }

    [Fact]
    public void TryRead_MutatedVersionOrCountOnly_DecodesOrDropsWithReason()
    {
        // Mutate only the VRRP header bytes and recompute the checksum, so the structural
        // checks (not just the checksum) are what reject the packet.
        Gen.Select(Gen.Int[0, 7], Gen.Byte, Gen.Bool).Sample((index, value, v3) =>
        {
            var message = v3 ? TestPackets.V3Message : TestPackets.V2Message;
            var destination = v3 ? VrrpProtocol.IPv4Multicast : TestPackets.Peer;
            message[index] = value;
            message = TestPackets.WithChecksum(message, TestPackets.Source, destination);
            var ok = VrrpAdvertisement.TryRead(message, TestPackets.Source, destination, out var advert, out var reason);
            (ok == (reason == DropReason.None)).Should().BeTrue();
            if (ok)
                VrrpAdvertCheck.Check(advert!, 255, TestPackets.V2Expectations);
        }, iter: Iterations);
    }

    [Fact]
    public void TryWrite_GeneratedAdverts_RoundTripAndPassTheirOwnCheck()
    {
        var addresses = Gen.UInt.Select(a => new IPAddress(BitConverter.GetBytes(a))).Array[1, 20];
        Gen.Select(Gen.Bool, Gen.Byte[1, 255], Gen.Byte, Gen.UShort[1, 4095], addresses)
            .Sample((v3, vrid, priority, interval, vips) =>
            {
                var advert = v3
                    ? new VrrpAdvertisement(VrrpVersion.V3, vrid, priority, interval, [.. vips])
                    : VrrpAdvertisement.CreateV2(vrid, priority, TimeSpan.FromSeconds(interval % 255 + 1), vips, "secret");
                var destination = v3 ? VrrpProtocol.IPv4Multicast : TestPackets.Peer;
                var packet = VrrpIpv4Packet.Create(TestPackets.Source, destination, advert, 7);
                var buffer = new byte[IPv4Header.MinLength + advert.Length];

                packet.TryWrite(buffer, out _).Should().BeTrue();
                VrrpIpv4Packet.TryRead(buffer, out var back, out var reason).Should().BeTrue(reason.ToString());
                back.Should().Be(packet);
                var expected = new VrrpExpectations(advert.Version, vrid, vips)
                {
                    AuthType = advert.AuthType,
                    AuthData = advert.AuthData,
                    AdvertInterval = advert.AdvertInterval,
                };
                VrrpAdvertCheck.Check(back!, expected).Should().Be(DropReason.None);
            }, iter: 2_000);
    }

    [Fact]
    public void TryWrite_GeneratedIpv6Adverts_RoundTripAndPassTheirOwnCheck()
    {
        var addresses = Gen.Byte.Array[16].Select(b => new IPAddress(b)).Array[1, 10];
        Gen.Select(Gen.Byte[1, 255], Gen.Byte, Gen.UShort[1, 4095], addresses, Gen.UInt[0, 0xF_FFFF])
            .Sample((vrid, priority, interval, vips, flow) =>
            {
                var advert = new VrrpAdvertisement(VrrpVersion.V3, vrid, priority, interval, [.. vips]);
                var packet = VrrpIpv6Packet.Create(V6Source, VrrpProtocol.IPv6Multicast, advert, flowLabel: flow);
                var buffer = new byte[40 + advert.Length];

                packet.TryWrite(buffer, out _).Should().BeTrue();
                VrrpIpv6Packet.TryRead(buffer, out var back, out var reason).Should().BeTrue(reason.ToString());
                back.Should().Be(packet);
                VrrpAdvertCheck.Check(back!, new VrrpExpectations(VrrpVersion.V3, vrid, vips)).Should().Be(DropReason.None);
            }, iter: 2_000);
    }

    private static byte[] Mutate(byte[] seed, (int Index, byte Value)[] changes, int cut)
    {
        var bytes = (byte[])seed.Clone();
        foreach (var (index, value) in changes)
            bytes[index % bytes.Length] = value;
        return bytes[..Math.Min(cut, bytes.Length)];
    }

    private static void DecodeEverything(byte[] bytes)
    {
        AssertReason(EthernetHeader.TryRead(bytes, out _, out var reason), reason);
        AssertReason(ArpFrame.TryRead(bytes, out var arp, out reason), reason);
        if (reason == DropReason.None)
            ArpClaim.Classify(arp.Arp);
        AssertReason(ArpPacket.TryRead(bytes, out _, out reason), reason);
        AssertReason(IPv4Header.TryRead(bytes, out _, out reason), reason);
        AssertReason(HaVip.Net.Ndp.NeighborAdvertisement.TryRead(bytes, out _, out reason), reason);
        var payload = bytes.Length > EthernetHeader.Length ? bytes[EthernetHeader.Length..] : bytes;
        foreach (var datagram in new[] { bytes, payload })
        {
            AssertReason(VrrpIpv4Packet.TryRead(datagram, out var packet, out reason), reason);
            if (packet is not null)
                ReencodeAndCheck(packet);
            AssertReason(VrrpIpv6Packet.TryRead(datagram, out var packet6, out reason), reason);
            if (packet6 is not null)
                ReencodeAndCheck(packet6);

            // The demultiplexer's look never throws, and agrees with the decoder where both read.
            var peeked = VrrpIpv6Packet.TryPeekVirtualRouterId(datagram, out var vrid);
            if (packet6 is not null)
                (peeked, vrid).Should().Be((true, packet6.Advertisement.VirtualRouterId));
        }
        AssertReason(VrrpAdvertisement.TryRead(bytes, V6Source, VrrpProtocol.IPv6Multicast, out _, out reason), reason);
        AssertReason(VrrpAdvertisement.TryRead(bytes, TestPackets.Source, TestPackets.Peer, out _, out reason), reason);
    }

    private static void ReencodeAndCheck(VrrpIpv4Packet packet)
    {
        VrrpAdvertCheck.Check(packet, TestPackets.V2Expectations);
        var buffer = new byte[1500];
        // Only headers with options refuse to encode: they are skipped, not kept.
        var hasOptions = packet.Ip.HeaderLength != IPv4Header.MinLength;
        packet.TryWrite(buffer, out var written).Should().Be(!hasOptions);
        if (hasOptions)
            return;
        VrrpIpv4Packet.TryRead(buffer.AsSpan(0, written), out var again, out _).Should().BeTrue();
        again!.Advertisement.Should().Be(packet.Advertisement);
    }

    private static void ReencodeAndCheck(VrrpIpv6Packet packet)
    {
        VrrpAdvertCheck.Check(packet, TestPackets.V2Expectations);
        var buffer = new byte[1500];
        packet.TryWrite(buffer, out var written).Should().BeTrue();
        VrrpIpv6Packet.TryRead(buffer.AsSpan(0, written), out var again, out _).Should().BeTrue();
        again!.Should().Be(packet);
    }

    private static void AssertReason(bool ok, DropReason reason)
    {
        if (ok != (reason == DropReason.None))
            throw new InvalidOperationException($"TryRead returned {ok} with reason {reason}.");
    }
}
