using System.Net;
using HaVip.Agent.Arp;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Agent.Tests.Arp;

public sealed class ClaimInspectorTests
{
    private static readonly ClaimTable Table = ClaimTable.From(Samples.State);
    private static readonly PortIdentity BoundPort = Table.Ports.Single(p => p.InstanceId == Samples.Bound);
    private static readonly PortIdentity UnboundPort = Table.Ports.Single(p => p.InstanceId == Samples.Unbound);

    [Fact]
    public void Inspect_GarpFromBoundPort_IsHolder()
    {
        var verdict = ClaimInspector.Inspect(Garp(BoundPort.Mac, "10.0.240.204"), BoundPort, Table);
        verdict.Should().Be(new ClaimVerdict(ClaimVerdictKind.Holder, Samples.Vip, Samples.Bound));
    }

    [Fact]
    public void Inspect_GarpFromUnboundPort_IsSpoof()
    {
        var verdict = ClaimInspector.Inspect(Garp(UnboundPort.Mac, "10.0.240.204"), UnboundPort, Table);
        verdict.Should().Be(new ClaimVerdict(ClaimVerdictKind.Spoof, Samples.Vip, Samples.Unbound));
    }

    [Fact]
    public void Inspect_GarpWithForeignMac_IsForeignMac()
    {
        var verdict = ClaimInspector.Inspect(Garp(UnboundPort.Mac, "10.0.240.204"), BoundPort, Table);
        verdict.Kind.Should().Be(ClaimVerdictKind.ForeignMac);
    }

    [Fact]
    public void Inspect_GarpForOwnAddress_IsNotVip()
    {
        ClaimInspector.Inspect(Garp(BoundPort.Mac, "10.0.240.14"), BoundPort, Table).Kind.Should().Be(ClaimVerdictKind.NotVip);
    }

    [Fact]
    public void Inspect_OrdinaryRequest_IsNotClaim()
    {
        var frame = Frame(BoundPort.Mac, ArpOperation.Request, "10.0.240.14", "10.0.240.204");
        ClaimInspector.Inspect(frame, BoundPort, Table).Kind.Should().Be(ClaimVerdictKind.NotClaim);
    }

    [Fact]
    public void Inspect_Ipv4Frame_IsNotArp()
    {
        var frame = new byte[60];
        frame[12] = 0x08;
        ClaimInspector.Inspect(frame, BoundPort, Table).Kind.Should().Be(ClaimVerdictKind.NotArp);
    }

    [Fact]
    public void Inspect_TruncatedArp_IsMalformed()
    {
        var frame = Garp(BoundPort.Mac, "10.0.240.204")[..20];
        ClaimInspector.Inspect(frame, BoundPort, Table).Kind.Should().Be(ClaimVerdictKind.Malformed);
    }

    private static byte[] Garp(MacAddress mac, string ip) => Frame(mac, ArpOperation.Request, ip, ip);

    private static byte[] Frame(MacAddress mac, ArpOperation operation, string sender, string target)
    {
        var packet = new ArpPacket(operation, mac, IPAddress.Parse(sender), MacAddress.Zero, IPAddress.Parse(target));
        var frame = new ArpFrame(new EthernetHeader(MacAddress.Broadcast, mac, EtherType.Arp), packet);
        var bytes = new byte[ArpFrame.Length];
        frame.TryWrite(bytes, out _).Should().BeTrue();
        return bytes;
    }
}
