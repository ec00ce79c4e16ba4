using System.Net;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Net.Tests.Captures;

/// <summary>The gratuitous ARPs keepalived sent as new master, and ordinary ARP around them.</summary>
public sealed class KeepalivedArpCaptureTests
{
    private static readonly MacAddress KeepalivedMac = MacAddress.Parse("02:48:56:00:00:0e");

    public static TheoryData<string, string[]> GratuitousArps => new()
    {
        { CapturedFrames.V2File, ["10.0.240.100"] },
        { CapturedFrames.V3File, ["10.0.240.101", "10.0.240.102", "10.0.240.103"] },
    };

    [Theory]
    [MemberData(nameof(GratuitousArps))]
    public void Create_SameMacAndVip_MatchesCapturedFramesByteExact(string file, string[] vips)
    {
        var garps = Gratuitous(file);
        garps.Should().NotBeEmpty();
        garps.Select(g => g.Vip.ToString()).Distinct().Should().BeEquivalentTo(vips);
        foreach (var (frame, decoded, vip) in garps)
        {
            var built = GratuitousArp.Create(KeepalivedMac, vip);
            var buffer = new byte[ArpFrame.Length];
            built.TryWrite(buffer, out var written).Should().BeTrue();
            written.Should().Be(frame.Length);
            buffer.Should().Equal(frame);
            built.Should().Be(decoded);
        }
    }

    [Theory]
    [MemberData(nameof(GratuitousArps))]
    public void TryFrom_CapturedGratuitousArp_IsClaimOfVipByInterfaceMac(string file, string[] vips)
    {
        foreach (var (_, arp, _) in Gratuitous(file))
        {
            ArpClaim.TryFrom(arp.Arp, out var claim).Should().BeTrue();
            claim.Kind.Should().Be(ArpClaimKind.GratuitousRequest);
            claim.HardwareAddress.Should().Be(KeepalivedMac);
            vips.Should().Contain(claim.Address.ToString());
        }
    }

    [Fact]
    public void Classify_CapturedPeerResolution_RequestIsNoClaimReplyIsClaim()
    {
        var ordinary = CapturedFrames.ArpFrames(CapturedFrames.V2File)
            .Select(f => ArpFrame.TryRead(f, out var a, out _) ? a.Arp : default)
            .Where(a => !a.SenderProtocolAddress.Equals(a.TargetProtocolAddress))
            .ToList();

        ordinary.Should().Contain(a => a.Operation == ArpOperation.Request)
            .And.Contain(a => a.Operation == ArpOperation.Reply);
        ordinary.Should().AllSatisfy(a => ArpClaim.Classify(a).Should()
            .Be(a.Operation == ArpOperation.Reply ? ArpClaimKind.Reply : ArpClaimKind.None));
    }

    [Fact]
    public void TryRead_EveryCapturedArpFrame_ReencodesByteExact()
    {
        var frames = CapturedFrames.ArpFrames(CapturedFrames.V2File).Concat(CapturedFrames.ArpFrames(CapturedFrames.V3File));
        foreach (var frame in frames)
        {
            ArpFrame.TryRead(frame, out var decoded, out var reason).Should().BeTrue(reason.ToString());
            var buffer = new byte[frame.Length];
            decoded.TryWrite(buffer, out _).Should().BeTrue();
            buffer.Should().Equal(frame);
        }
    }

    private static List<(byte[] Bytes, ArpFrame Frame, IPAddress Vip)> Gratuitous(string file) =>
        [.. CapturedFrames.ArpFrames(file)
            .Select(f => (Bytes: f, Ok: ArpFrame.TryRead(f, out var a, out _), Frame: a))
            .Where(x => x.Ok && x.Frame.Arp.SenderProtocolAddress.Equals(x.Frame.Arp.TargetProtocolAddress))
            .Select(x => (x.Bytes, x.Frame, x.Frame.Arp.SenderProtocolAddress))];
}
