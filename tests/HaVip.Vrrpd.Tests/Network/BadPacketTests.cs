using System.Net;
using System.Net.Sockets;
using HaVip.Net.Vrrp;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// Adverts injected on the wire that would win the election if accepted (priority 254), each
/// with one defect: the master must ignore them all and count each by reason (RFC 5798 section 7.1).
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class BadPacketTests
{
    private const int Injector = 2;
    private static readonly IPAddress Target = NetLab.Address(1);

    [Fact]
    public void InjectedBadAdverts_ChangeNothing_AndAreCountedByReason()
    {
        using var lab = new NetLab(nodes: 2);
        lab.Havipd(1, Conf.Global("n1") + Conf.Instance(100) + Conf.Instance(100, version: 2, advertInt: "1", vrid: 61, name: "VI_2", vip: "10.77.0.101/24",
            extra: "authentication {\n auth_type PASS\n auth_pass secret1\n}"));
        Eventually.Until(() => Status.State(lab, 1, "VI_1") == "MASTER" && Status.State(lab, 1, "VI_2") == "MASTER", TimeSpan.FromSeconds(6)).Should().BeTrue(lab.Logs());
        using var socket = Netns.Run(lab.Ns(Injector), () => new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw));

        for (var i = 0; i < 5; i++)
        {
            Send(socket, V3(51), ttl: 64);
            Send(socket, V3(51), corruptChecksum: true);
            Send(socket, V3(52));
            Send(socket, VrrpAdvertisement.CreateV2(61, 254, TimeSpan.FromSeconds(1), [IPAddress.Parse("10.77.0.101")], "wrong"));
            Thread.Sleep(50);
        }

        Thread.Sleep(500);
        var vi1 = Status.Instance(lab, 1, "VI_1");
        var vi2 = Status.Instance(lab, 1, "VI_2");
        (vi1.GetProperty("state").GetString(), vi2.GetProperty("state").GetString()).Should().Be(("MASTER", "MASTER"), lab.Logs());
        Status.Drops(vi1, "BadTtl").Should().BeGreaterThanOrEqualTo(5);
        Status.Drops(vi1, "BadChecksum").Should().BeGreaterThanOrEqualTo(5);
        Status.Drops(vi2, "AuthMismatch").Should().BeGreaterThanOrEqualTo(5, vi2.ToString());
        lab.VipHolders(1).Should().Equal([1]);

        // The same advert without a defect does win: proof the injector reaches the daemon.
        Send(socket, V3(51));
        Eventually.Until(() => Status.State(lab, 1, "VI_1") == "BACKUP", TimeSpan.FromSeconds(1)).Should().BeTrue(lab.Logs());
    }

    private static VrrpAdvertisement V3(byte vrid) => VrrpAdvertisement.CreateV3(vrid, 254, TimeSpan.FromMilliseconds(100), [NetLab.Vip]);

    private static void Send(Socket socket, VrrpAdvertisement advert, byte ttl = 255, bool corruptChecksum = false)
    {
        var packet = VrrpIpv4Packet.Create(NetLab.Address(Injector), Target, advert);
        packet = packet with { Ip = packet.Ip with { Ttl = ttl } };
        var bytes = new byte[64];
        packet.TryWrite(bytes, out var n).Should().BeTrue();
        if (corruptChecksum)
            bytes[20 + 6] ^= 0xFF; // VRRP checksum field (RFC 5798 section 5.2.8)
        socket.SendTo(bytes.AsSpan(0, n), new IPEndPoint(Target, 0));
    }
}
