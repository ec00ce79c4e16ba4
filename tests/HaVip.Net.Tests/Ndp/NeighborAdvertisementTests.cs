using System.Net;
using HaVip.Net.Checksums;
using HaVip.Net.Ethernet;
using HaVip.Net.Ndp;

namespace HaVip.Net.Tests.Ndp;

public sealed class NeighborAdvertisementTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("02:00:00:00:00:0e");
    private static readonly MacAddress AllNodesMac = MacAddress.Parse("33:33:00:00:00:01");

    /// <summary>What keepalived and Linux send on taking over an address: unsolicited, override, to all nodes, with the target's MAC.</summary>
    internal static NeighborAdvertisement Claim { get; } = new(Mac, IPAddress.Parse("fe80::ff:fe00:e"), IPAddress.Parse("ff02::1"),
        IPAddress.Parse("fd00:10:240::204"), Router: false, Solicited: false, Override: true, Mac);

    internal static byte[] Frame(NeighborAdvertisement advertisement, MacAddress? destination = null)
    {
        var frame = new byte[advertisement.Length];
        advertisement.TryWrite(frame, destination ?? AllNodesMac, out var written).Should().BeTrue();
        written.Should().Be(frame.Length);
        return frame;
    }

    [Fact]
    public void TryWrite_Claim_IsTheRfc4861Layout()
    {
        var frame = Frame(Claim);

        frame.Length.Should().Be(14 + 40 + 32);
        Convert.ToHexStringLower(frame[..14]).Should().Be("333300000001" + "02000000000e" + "86dd");
        frame[14 + 6].Should().Be(58, "ICMPv6");
        frame[14 + 7].Should().Be(255, "hop limit 255 (RFC 4861 §7.1.2)");
        frame[NeighborAdvertisement.TypeOffset].Should().Be(136);
        frame[NeighborAdvertisement.FlagsOffset].Should().Be(0x20, "override only");
        Convert.ToHexStringLower(frame[^8..]).Should().Be("0201" + "02000000000e", "the target link-layer address option");
    }

    [Fact]
    public void TryRead_WrittenClaim_RoundTrips()
    {
        NeighborAdvertisement.TryRead(Frame(Claim), out var back, out var reason).Should().BeTrue(reason.ToString());

        back.Should().Be(Claim);
        back.IsClaim.Should().BeTrue();
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void IsClaim_OnlyUnsolicitedWithOverride(bool solicited, bool @override, bool claim)
    {
        var advertisement = Claim with { Solicited = solicited, Override = @override, Destination = IPAddress.Parse("fd00:10:240::1") };

        NeighborAdvertisement.TryRead(Frame(advertisement), out var back, out _).Should().BeTrue();
        back.IsClaim.Should().Be(claim);
    }

    [Fact]
    public void TryRead_NoOption_HasNoLinkLayer_AndPaddingIsIgnored()
    {
        var frame = Frame(Claim with { TargetLinkLayer = null });

        NeighborAdvertisement.TryRead([.. frame, 0, 0, 0, 0], out var back, out _).Should().BeTrue();
        back.TargetLinkLayer.Should().BeNull();
    }

    /// <summary>Each check of RFC 4861 §7.1.2, with the checksum recomputed where the change is not to it.</summary>
    public static TheoryData<string, DropReason> Invalid => new()
    {
        { "arp ethertype", DropReason.BadEtherType },
        { "cut in the ipv6 header", DropReason.TooShort },
        { "version 4", DropReason.BadIpVersion },
        { "payload length past the end", DropReason.BadIpTotalLength },
        { "next header udp", DropReason.BadProtocol },
        { "hop limit 64", DropReason.BadTtl },
        { "message of 20 bytes", DropReason.TooShort },
        { "type 135", DropReason.NotNeighborAdvertisement },
        { "code 1", DropReason.BadIcmpCode },
        { "checksum flipped", DropReason.BadIcmpChecksum },
        { "multicast target", DropReason.BadNdTarget },
        { "solicited to all nodes", DropReason.SolicitedToMulticast },
        { "option of length 0", DropReason.BadNdOption },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryRead_Invalid_DropsWithReason(string name, DropReason expected)
    {
        NeighborAdvertisement.TryRead(InvalidFrame(name), out _, out var reason).Should().BeFalse();
        reason.Should().Be(expected);
    }

    internal static byte[] InvalidFrame(string name) => name switch
    {
        "arp ethertype" => Mutate(Frame(Claim), f => f[13] = 0x06),
        "cut in the ipv6 header" => Frame(Claim)[..50],
        "version 4" => Mutate(Frame(Claim), f => f[14] = 0x45),
        "payload length past the end" => Mutate(Frame(Claim), f => f[19] = 200),
        "next header udp" => Mutate(Frame(Claim), f => f[20] = 17),
        "hop limit 64" => Mutate(Frame(Claim), f => f[21] = 64),
        "message of 20 bytes" => Mutate(Frame(Claim)[..(54 + 20)], f => f[19] = 20),
        "type 135" => Resum(Mutate(Frame(Claim), f => f[54] = 135)),
        "code 1" => Resum(Mutate(Frame(Claim), f => f[55] = 1)),
        "checksum flipped" => Mutate(Frame(Claim), f => f[57] ^= 1),
        "multicast target" => Frame(Claim with { Target = IPAddress.Parse("ff02::1") }),
        "solicited to all nodes" => Frame(Claim with { Solicited = true }),
        "option of length 0" => Resum(Mutate(Frame(Claim), f => f[^7] = 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    private static byte[] Mutate(byte[] frame, Action<byte[]> mutate)
    {
        mutate(frame);
        return frame;
    }

    /// <summary>The ICMPv6 checksum recomputed after a change to the message.</summary>
    private static byte[] Resum(byte[] frame)
    {
        frame[56] = frame[57] = 0;
        var sum = InternetChecksum.Add(0, frame.AsSpan(22, 32));
        sum = InternetChecksum.Add(sum, (ushort)(frame.Length - 54));
        sum = InternetChecksum.Add(sum, (ushort)58);
        var checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, frame.AsSpan(54)));
        (frame[56], frame[57]) = ((byte)(checksum >> 8), (byte)checksum);
        return frame;
    }
}
