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

    // Starting the daemon is not the protocol: on a loaded machine (JIT build, load 30) it took
    // most of the 6 s this test once gave start-up and election together.
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    // VI_2 (v2, advert_int 1, priority 100) is MASTER after Master_Down_Interval = 3 + 156/256 =
    // 3.61 s (RFC 3768 section 6.1) from start; 3 s of margin for a loaded machine's timers.
    private static readonly TimeSpan Election = TimeSpan.FromSeconds(3.61 + 3);

    // A counter moves when the loop handles the datagram; a higher priority advert moves a
    // master to BACKUP on receipt (RFC 5798 section 6.4.3). Neither has a protocol bound: 10 s
    // is the margin of a loaded machine.
    private static readonly TimeSpan Handled = TimeSpan.FromSeconds(10);

    [Fact]
    public void InjectedBadAdverts_ChangeNothing_AndAreCountedByReason()
    {
        using var lab = new NetLab(nodes: 2);
        lab.Havipd(1, Conf.Global("n1") + Conf.Instance(100) + Conf.Instance(100, version: 2, advertInt: "1", vrid: 61, name: "VI_2", vip: "10.77.0.101/24",
            extra: "authentication {\n auth_type PASS\n auth_pass secret1\n}"));
        Eventually.Until(() => Status.State(lab, 1, "VI_2") != "UNREACHABLE", Startup).Should().BeTrue(lab.Logs());
        Eventually.Until(() => Status.State(lab, 1, "VI_1") == "MASTER" && Status.State(lab, 1, "VI_2") == "MASTER", Election).Should().BeTrue(lab.Logs());
        using var socket = Netns.Run(lab.Ns(Injector), () => new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw));

        for (var i = 0; i < 5; i++)
        {
            Send(socket, V3(51), ttl: 64);
            Send(socket, V3(51), corruptChecksum: true);
            Send(socket, V3(52));
            Send(socket, VrrpAdvertisement.CreateV2(61, 254, TimeSpan.FromSeconds(1), [IPAddress.Parse("10.77.0.101")], "wrong"));
        }

        // Evidence that the daemon handled every injected advert: each defect counted five times.
        var (vi1, vi2) = (Status.Instance(lab, 1, "VI_1"), Status.Instance(lab, 1, "VI_2"));
        Eventually.Until(() =>
        {
            (vi1, vi2) = (Status.Instance(lab, 1, "VI_1"), Status.Instance(lab, 1, "VI_2"));
            return Status.Drops(vi1, "BadTtl") >= 5 && Status.Drops(vi1, "BadChecksum") >= 5 && Status.Drops(vi2, "AuthMismatch") >= 5;
        }, Handled).Should().BeTrue($"{vi1}\n{vi2}");
        (vi1.GetProperty("state").GetString(), vi2.GetProperty("state").GetString()).Should().Be(("MASTER", "MASTER"), lab.Logs());
        lab.VipHolders(1).Should().Equal([1]);

        // The same advert without a defect does win: proof the injector reaches the daemon.
        Send(socket, V3(51));
        Eventually.Until(() => Status.State(lab, 1, "VI_1") == "BACKUP", Handled).Should().BeTrue(lab.Logs());
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
