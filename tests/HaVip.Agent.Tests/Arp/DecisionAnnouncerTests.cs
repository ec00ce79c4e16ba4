using System.Net;
using HaVip.Agent.Arp;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Agent.Tests.Arp;

public sealed class DecisionAnnouncerTests
{
    [Fact]
    public void Changes_NewOrMovedDecision_AnnouncesOnTheSubnetsBridge_SameDecision_Not()
    {
        var first = DecisionAnnouncer.Changes(Samples.State, Samples.Decided());
        first.Should().Equal(new Announcement("hvbr1000", IPAddress.Parse("10.0.240.204"), MacAddress.Parse("02:00:00:00:00:0f")));

        DecisionAnnouncer.Changes(Samples.Decided(), Samples.Decided() with { Sequence = 43 }).Should().BeEmpty();
        DecisionAnnouncer.Changes(Samples.Decided(), Samples.Decided(Samples.Bound)).Should().ContainSingle();
        DecisionAnnouncer.Changes(Samples.Decided(), Samples.State).Should().BeEmpty("a lifted decision has no one to announce");
    }

    [Fact]
    public void Frame_BridgeMacOnEthernet_ChosenMacInArp_GratuitousForTheVip()
    {
        var bridge = MacAddress.Parse("02:aa:00:00:00:01");
        var a = new Announcement("hvbr1000", IPAddress.Parse("10.0.240.204"), MacAddress.Parse("02:00:00:00:00:0f"));

        var frame = DecisionAnnouncer.Frame(a, bridge);

        frame.Ethernet.Source.Should().Be(bridge, "the instance's MAC as Ethernet source would poison remote FDBs");
        frame.Ethernet.Destination.Should().Be(MacAddress.Broadcast);
        frame.Arp.SenderHardwareAddress.Should().Be(a.ChosenMac);
        frame.Arp.SenderProtocolAddress.Should().Be(a.Vip);
        frame.Arp.TargetProtocolAddress.Should().Be(a.Vip, "only a true gratuitous ARP overrides Linux's 1 s lock time");
        ArpClaim.TryFrom(frame.Arp, out var claim).Should().BeTrue();
        claim.HardwareAddress.Should().Be(a.ChosenMac);
    }
}
