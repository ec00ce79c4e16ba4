using HaVip.Linux.Sockets;
using HaVip.Net.Ethernet;
using HaVip.Net.Vrrp;

namespace HaVip.Vrrpd.Tests.Network.Ipv6;

/// <summary>
/// A multicast advert that would win the election (priority 254) but arrives with hop limit 64:
/// it may come from off the link, so the master drops it and counts it (RFC 5798 sections 5.1.2.3
/// and 7.1), as it does an IPv4 advert with TTL 64.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class Ipv6BadPacketTests
{
    private const int Injector = 2;
    // A counter moves when the loop handles the datagram, and a higher priority advert moves a
    // master to BACKUP on receipt (RFC 5798 section 6.4.3): neither has a protocol bound, 10 s is
    // the margin of a loaded machine.
    private static readonly TimeSpan Handled = TimeSpan.FromSeconds(10);

    [Fact]
    public void MulticastAdvertWithHopLimit64_DroppedAndCountedAsBadTtl()
    {
        using var lab = Ipv6Lab.Create(nodes: 2);
        lab.Havipd(1, Ipv6Lab.Config(1, 100));
        Eventually.Until(() => Status.State(lab, 1) != "UNREACHABLE", Ipv6Lab.Startup).Should().BeTrue(lab.Logs());
        // Alone it is MASTER one Master_Down_Interval after its start.
        Eventually.Until(() => Status.State(lab, 1) == "MASTER", Ipv6Lab.Takeover).Should().BeTrue(lab.Logs());
        var mac = MacAddress.Parse(lab.Mac(Injector));
        using var socket = Netns.Run(lab.Ns(Injector), () => new PacketSocket());
        var index = Netns.Run(lab.Ns(Injector), () => PacketSocket.InterfaceIndex("eth0"));

        for (var i = 0; i < 5; i++)
            socket.Send(Frame(mac, hopLimit: 64), index);

        Eventually.Until(() => Status.Drops(Status.Instance(lab, 1), "BadTtl") >= 5, Handled).Should().BeTrue(Status.Instance(lab, 1).ToString());
        Status.State(lab, 1).Should().Be("MASTER");
        lab.VipHolders(1, Ipv6Lab.Vip).Should().Equal([1]);

        // The same advert with hop limit 255 does win: proof the injector reaches the daemon. Its
        // BACKUP lasts one Master_Down_Interval (the injector sends once), so the counter is read.
        socket.Send(Frame(mac, hopLimit: 255), index);
        Eventually.Until(() => Status.Instance(lab, 1).GetProperty("transitions").TryGetProperty("HigherPriorityAdvert", out var n) && n.GetInt64() >= 1, Handled)
            .Should().BeTrue(lab.Logs());
    }

    /// <summary>The advert in an Ethernet frame to ff02::12's group MAC (RFC 2464 section 7).</summary>
    private static byte[] Frame(MacAddress source, byte hopLimit)
    {
        var advert = VrrpAdvertisement.CreateV3(51, 254, TimeSpan.FromMilliseconds(100), [Ipv6Lab.Vip]);
        var packet = VrrpIpv6Packet.Create(Ipv6Lab.LinkLocal(Injector), VrrpProtocol.IPv6Multicast, advert, hopLimit);
        var frame = new byte[EthernetHeader.Length + 128];
        new EthernetHeader(MacAddress.Parse("33:33:00:00:00:12"), source, EtherType.IPv6).TryWrite(frame, out _).Should().BeTrue();
        packet.TryWrite(frame.AsSpan(EthernetHeader.Length), out var n).Should().BeTrue();
        return frame[..(EthernetHeader.Length + n)];
    }
}
