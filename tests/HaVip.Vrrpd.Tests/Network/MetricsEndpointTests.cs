using System.Net;
using System.Net.Sockets;
using HaVip.Net.Vrrp;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// A running havipd's metrics endpoint, scraped from inside its namespace as Prometheus would:
/// the counters move with the traffic, an injected bad advert shows up under its typed reason, and
/// `havipd status` reports the same numbers.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class MetricsEndpointTests
{
    // Readiness, not a protocol bound: two JIT-started daemons on a loaded 2-core machine took
    // more than 6 s to log their first state.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    [Fact]
    public void Scrape_TwoNodes_AdvertsMoveAndAnInjectedBadAdvertIsCountedByReason()
    {
        using var lab = new NetLab(nodes: 2);
        lab.Havipd(1, Conf.Simple("n1", 150), Scrape.Args);
        lab.Havipd(2, Conf.Simple("n2", 100));
        Eventually.Until(() => Status.State(lab, 1) == "MASTER" && Status.State(lab, 2) == "BACKUP", Settle).Should().BeTrue(lab.Logs());

        Value(lab, "havipd_instance_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",state=\"master\"}").Should().Be(1);
        var sent = Value(lab, "havipd_instance_adverts_sent_total{instance=\"VI_1\"}");
        Eventually.Until(() => Value(lab, "havipd_instance_adverts_sent_total{instance=\"VI_1\"}") > sent, TimeSpan.FromSeconds(2)).Should().BeTrue($"adverts sent stayed at {sent}");

        // Node 2 starts as a lower-priority master for Master_Down_Interval at most; once it is a
        // backup it sends nothing. Any advert it sent before is one node 1 received and discarded.
        InjectBadTtl(lab, from: 2, to: 1);
        Eventually.Until(() => Value(lab, "havipd_instance_drops_total{instance=\"VI_1\",reason=\"BadTtl\"}") >= 1, TimeSpan.FromSeconds(2)).Should().BeTrue(string.Join("\n", Scrape.Read(lab.Ns(1))));

        var status = Status.Instance(lab, 1);
        Status.Drops(status, "BadTtl").Should().Be((long)Value(lab, "havipd_instance_drops_total{instance=\"VI_1\",reason=\"BadTtl\"}"));
        Value(lab, "havipd_instance_transitions_total{instance=\"VI_1\",reason=\"MasterDownTimerExpired\"}").Should().Be(1);
    }

    [Fact]
    public void Scrape_NotConfigured_NothingListens()
    {
        using var lab = new NetLab(nodes: 1);
        lab.Havipd(1, Conf.Simple("n1", 150));
        Eventually.Until(() => Status.State(lab, 1) == "MASTER", Settle).Should().BeTrue(lab.Logs());

        var refused = Netns.Run(lab.Ns(1), () =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(IPAddress.Loopback, Scrape.Port);
                return false;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return true;
            }
        });

        refused.Should().BeTrue("metrics are off unless --metrics-listen is given");
    }

    private static double Value(NetLab lab, string series) => Scrape.Value(Scrape.Read(lab.Ns(1)), series);

    /// <summary>A winning advert (priority 254) but with TTL 64: RFC 5798 section 7.1 says discard.</summary>
    private static void InjectBadTtl(NetLab lab, int from, int to)
    {
        var packet = VrrpIpv4Packet.Create(NetLab.Address(from), NetLab.Address(to), VrrpAdvertisement.CreateV3(51, 254, TimeSpan.FromMilliseconds(100), [NetLab.Vip]));
        packet = packet with { Ip = packet.Ip with { Ttl = 64 } };
        var bytes = new byte[64];
        packet.TryWrite(bytes, out var n).Should().BeTrue();
        Netns.Run(lab.Ns(from), () =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
            return socket.SendTo(bytes.AsSpan(0, n), new IPEndPoint(NetLab.Address(to), 0));
        });
    }
}
