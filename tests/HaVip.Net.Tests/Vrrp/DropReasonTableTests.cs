using System.Net;
using HaVip.Net.Arp;
using HaVip.Net.Vrrp;
using static HaVip.Net.Tests.TestPackets;

namespace HaVip.Net.Tests.Vrrp;

/// <summary>Every <see cref="DropReason"/> is reachable by a crafted packet (FRR's VCHECK list as a table).</summary>
public sealed class DropReasonTableTests
{
    private static readonly Dictionary<string, (DropReason Expected, Func<DropReason> Run)> Cases = new()
    {
        ["valid v2 advert"] = (DropReason.None, () => Receive(V2Datagram)),
        ["datagram of 10 bytes"] = (DropReason.TooShort, () => Receive(V2Datagram[..10])),
        ["vrrp message of 4 bytes"] = (DropReason.TooShort, () => Receive(Datagram(V2Message[..4]))),
        ["ip version 6 nibble"] = (DropReason.BadIpVersion, () => Receive(Mutate(V2Datagram, d => d[0] = 0x65))),
        ["ihl of 4 words"] = (DropReason.BadIpHeaderLength, () => Receive(Mutate(V2Datagram, d => d[0] = 0x44))),
        ["ihl past the end"] = (DropReason.BadIpHeaderLength, () => Receive(Mutate(V2Datagram[..22], d => d[0] = 0x46))),
        ["total length past the end"] = (DropReason.BadIpTotalLength, () => Receive(Mutate(V2Datagram, d => d[3] = 100))),
        ["total length under header"] = (DropReason.BadIpTotalLength, () => Receive(Mutate(V2Datagram, d => d[3] = 19))),
        ["ip checksum flipped"] = (DropReason.BadIpChecksum, () => Receive(Mutate(V2Datagram, d => d[11] ^= 1))),
        ["ttl 64"] = (DropReason.BadTtl, () => Receive(Datagram(V2Message, ttl: 64))),
        ["protocol udp"] = (DropReason.BadProtocol, () => Receive(Datagram(V2Message, protocol: 17))),
        ["vrrp version 4"] = (DropReason.BadVersion, () => Receive(V2With(m => m[0] = 0x41))),
        ["vrrp type 2"] = (DropReason.BadType, () => Receive(V2With(m => m[0] = 0x22))),
        ["v2 over ipv6"] = (DropReason.BadAddressFamily, () => ReadMessage(V2Message, IPAddress.Parse("fe80::1"), IPAddress.Parse("ff02::12"))),
        ["mixed address families"] = (DropReason.BadAddressFamily, () => ReadMessage(V3Message, Source, IPAddress.Parse("ff02::12"))),
        ["count 0"] = (DropReason.BadAddressCount, () => Receive(Datagram(WithChecksum([.. V2Message[..3], 0, .. V2Message[4..8], .. V2Message[^8..]], Source, Peer)))),
        ["count 2 with one address"] = (DropReason.AddressCountMismatch, () => Receive(V2With(m => m[3] = 2))),
        ["trailing byte"] = (DropReason.AddressCountMismatch, () => Receive(Datagram(WithChecksum([.. V2Message, 0], Source, Peer)))),
        ["interval 0"] = (DropReason.BadAdvertInterval, () => Receive(V2With(m => m[5] = 0))),
        ["v3 interval 0"] = (DropReason.BadAdvertInterval, () => ReadMessage(WithChecksum(Mutate(V3Message, m => m[5] = 0), Source, VrrpProtocol.IPv4Multicast), Source, VrrpProtocol.IPv4Multicast)),
        ["vrrp checksum flipped"] = (DropReason.BadChecksum, () => Receive(Datagram(Mutate(V2Message, m => m[7] ^= 0x80)))),
        ["v3 checksummed like v2"] = (DropReason.BadChecksum, () => ReadMessage(V3MessageWithV2Checksum(), Source, VrrpProtocol.IPv4Multicast)),
        ["v3 advert to v2 instance"] = (DropReason.VersionMismatch, () => Receive(V3Datagram)),
        ["other vrid"] = (DropReason.WrongVrid, () => Receive(V2Datagram, V2Expectations with { VirtualRouterId = 52 })),
        ["local owner"] = (DropReason.LocalIsAddressOwner, () => Receive(V2Datagram, V2Expectations with { IsAddressOwner = true })),
        ["no auth expected"] = (DropReason.AuthTypeMismatch, () => Receive(V2Datagram, V2Expectations with { AuthType = VrrpAuthType.None })),
        ["other password"] = (DropReason.AuthMismatch, () => Receive(V2Datagram, V2Expectations with { AuthData = VrrpAuthData.FromPassword("2222") })),
        ["v2 interval 2 s expected"] = (DropReason.AdvertIntervalMismatch, () => Receive(V2Datagram, V2Expectations with { AdvertInterval = TimeSpan.FromSeconds(2) })),
        ["other vip"] = (DropReason.AddressListMismatch, () => Receive(V2Datagram, V2Expectations with { VirtualAddresses = [IPAddress.Parse("10.0.240.101")] })),
        ["extra configured vip"] = (DropReason.AddressListMismatch, () => Receive(V2Datagram, V2Expectations with { VirtualAddresses = [IPAddress.Parse("10.0.240.100"), IPAddress.Parse("10.0.240.101")] })),
        ["ethernet of 13 bytes"] = (DropReason.TooShort, () => ReadArp(Hex(GarpHex)[..13])),
        ["arp of 27 bytes"] = (DropReason.TooShort, () => ReadArp(Hex(GarpHex)[..41])),
        ["ipv4 frame read as arp"] = (DropReason.BadEtherType, () => ReadArp(Mutate(Hex(GarpHex), f => f[13] = 0x00))),
        ["arp hardware type 6"] = (DropReason.BadArpHardware, () => ReadArp(Mutate(Hex(GarpHex), f => f[15] = 6))),
        ["arp hardware length 8"] = (DropReason.BadArpHardware, () => ReadArp(Mutate(Hex(GarpHex), f => f[18] = 8))),
        ["arp protocol ipv6"] = (DropReason.BadArpProtocol, () => ReadArp(Mutate(Hex(GarpHex), f => (f[16], f[17]) = (0x86, 0xDD)))),
        ["arp protocol length 16"] = (DropReason.BadArpProtocol, () => ReadArp(Mutate(Hex(GarpHex), f => f[19] = 16))),
        ["arp operation 3"] = (DropReason.BadArpOperation, () => ReadArp(Mutate(Hex(GarpHex), f => f[21] = 3))),
        ["na type 135"] = (DropReason.NotNeighborAdvertisement, () => ReadNa("type 135")),
        ["na code 1"] = (DropReason.BadIcmpCode, () => ReadNa("code 1")),
        ["na checksum flipped"] = (DropReason.BadIcmpChecksum, () => ReadNa("checksum flipped")),
        ["na multicast target"] = (DropReason.BadNdTarget, () => ReadNa("multicast target")),
        ["na solicited to all nodes"] = (DropReason.SolicitedToMulticast, () => ReadNa("solicited to all nodes")),
        ["na option of length 0"] = (DropReason.BadNdOption, () => ReadNa("option of length 0")),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Receive_CraftedPacket_DropsWithNamedReason(string name)
    {
        var (expected, run) = Cases[name];

        run().Should().Be(expected);
    }

    /// <summary>
    /// Reasons the receiving state machine (RFC 5798 section 6.4) gives to an advert every check
    /// here accepted: LowerPriority and UnicastSourceNotPeer are provoked in HaVip.Vrrp's
    /// ElectionTests and KeywordSemanticsTests; NotListening (an advert in Initialize or Fault) is not yet.
    /// </summary>
    private static readonly DropReason[] MachineReasons = [DropReason.NotListening, DropReason.LowerPriority, DropReason.UnicastSourceNotPeer];

    [Fact]
    public void DropReason_EveryCodecValue_HasACraftedPacket()
    {
        var covered = Cases.Values.Select(c => c.Expected).ToHashSet();

        Enum.GetValues<DropReason>().Except(MachineReasons).Should().OnlyContain(r => covered.Contains(r));
        covered.Should().NotIntersectWith(MachineReasons);
    }

    private static byte[] Mutate(byte[] bytes, Action<byte[]> mutate)
    {
        mutate(bytes);
        return bytes;
    }

    private static DropReason ReadMessage(byte[] message, IPAddress source, IPAddress destination) =>
        VrrpAdvertisement.TryRead(message, source, destination, out _, out var reason) ? DropReason.None : reason;

    private static DropReason ReadNa(string name) =>
        HaVip.Net.Ndp.NeighborAdvertisement.TryRead(HaVip.Net.Tests.Ndp.NeighborAdvertisementTests.InvalidFrame(name), out _, out var reason) ? DropReason.None : reason;

    private static DropReason ReadArp(byte[] frame) =>
        ArpFrame.TryRead(frame, out _, out var reason) ? DropReason.None : reason;

    // The checksum v2 would use (message only) is wrong for v3, which adds the pseudo-header.
    private static byte[] V3MessageWithV2Checksum()
    {
        var message = V3Message;
        message[6] = message[7] = 0;
        var checksum = HaVip.Net.Checksums.InternetChecksum.Compute(message);
        (message[6], message[7]) = ((byte)(checksum >> 8), (byte)checksum);
        return message;
    }

}
