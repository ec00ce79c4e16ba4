using System.Net;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Net.Tests.Arp;

public sealed class ArpClaimTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("02:48:56:00:00:0e");

    [Theory]
    [InlineData(ArpOperation.Request, "10.0.240.100", "10.0.240.100", ArpClaimKind.GratuitousRequest)]
    [InlineData(ArpOperation.Reply, "10.0.240.100", "10.0.240.100", ArpClaimKind.GratuitousReply)]
    [InlineData(ArpOperation.Reply, "10.0.240.100", "10.0.240.15", ArpClaimKind.Reply)]
    [InlineData(ArpOperation.Request, "10.0.240.14", "10.0.240.15", ArpClaimKind.None)] // who-has
    [InlineData(ArpOperation.Request, "0.0.0.0", "10.0.240.100", ArpClaimKind.None)] // RFC 5227 probe
    [InlineData(ArpOperation.Request, "0.0.0.0", "0.0.0.0", ArpClaimKind.None)]
    public void Classify_SenderAndTarget_GivesClaimKind(ArpOperation operation, string sender, string target, ArpClaimKind expected)
    {
        var arp = new ArpPacket(operation, Mac, IPAddress.Parse(sender), MacAddress.Zero, IPAddress.Parse(target));

        ArpClaim.Classify(arp).Should().Be(expected);
        ArpClaim.TryFrom(arp, out var claim).Should().Be(expected != ArpClaimKind.None);
        if (expected != ArpClaimKind.None)
            claim.Should().Be(new ArpClaim(IPAddress.Parse(sender), Mac, expected));
    }
}
