using System.Net;
using HaVip.Agent.Arp;
using HaVip.Agent.Rules;
using HaVip.Agent.Tests.Rules;
using HaVip.Net.Ethernet;

namespace HaVip.Agent.Tests.Arp;

/// <summary>IPv6's gratuitous ARP: an unsolicited Neighbor Advertisement with the override flag for an IPv6 HAVIP.</summary>
public sealed class AdvertisementClaimTests
{
    private const string Vip6 = "fd00:10:240::204";
    private static readonly ClaimTable Table = ClaimTable.From(Samples.DualStack);
    private static readonly PortIdentity BoundPort = Table.Ports.Single(p => p.InstanceId == Samples.Bound);
    private static readonly PortIdentity UnboundPort = Table.Ports.Single(p => p.InstanceId == Samples.Unbound);
    private static readonly string Vip6Id = Samples.DualStack.HaVips.Single(v => v.IpAddress == Vip6).Id;

    [Fact]
    public void Inspect_UnsolicitedOverrideNaFromBoundPort_IsHolder()
    {
        ClaimInspector.Inspect(Na(BoundPort.Mac, Vip6), BoundPort, Table)
            .Should().Be(new ClaimVerdict(ClaimVerdictKind.Holder, Vip6Id, Samples.Bound));
    }

    [Fact]
    public void Inspect_NaFromUnboundPort_IsSpoof()
    {
        ClaimInspector.Inspect(Na(UnboundPort.Mac, Vip6), UnboundPort, Table)
            .Should().Be(new ClaimVerdict(ClaimVerdictKind.Spoof, Vip6Id, Samples.Unbound));
    }

    [Fact]
    public void Inspect_NaWithAnotherTargetMac_IsForeignMac()
    {
        ClaimInspector.Inspect(Na(BoundPort.Mac, Vip6, linkLayer: UnboundPort.Mac), BoundPort, Table).Kind.Should().Be(ClaimVerdictKind.ForeignMac);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Inspect_SolicitedOrWithoutOverride_IsNotClaim(bool solicited, bool @override)
    {
        ClaimInspector.Inspect(Na(BoundPort.Mac, Vip6, solicited, @override), BoundPort, Table).Kind.Should().Be(ClaimVerdictKind.NotClaim);
    }

    [Fact]
    public void Inspect_NaForOwnAddress_IsNotVip()
    {
        ClaimInspector.Inspect(Na(BoundPort.Mac, "fd00:10:240::14"), BoundPort, Table).Kind.Should().Be(ClaimVerdictKind.NotVip);
    }

    [Fact]
    public void Inspect_NaWithBadChecksum_IsMalformed()
    {
        var frame = Na(BoundPort.Mac, Vip6);
        frame[^1] ^= 1;
        ClaimInspector.Inspect(frame, BoundPort, Table).Kind.Should().Be(ClaimVerdictKind.Malformed);
    }

    private static byte[] Na(MacAddress mac, string target, bool solicited = false, bool @override = true, MacAddress? linkLayer = null) =>
        Ipv6Frames.Advertisement(mac, Ipv6Rules.LinkLocal(mac.ToString()), IPAddress.Parse(target), linkLayer, solicited, @override);
}
