using System.Net;
using HaVip.Agent.Tests.Rules;
using HaVip.Linux.Namespaces;
using HaVip.Linux.Packet;
using HaVip.Linux.Sockets;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Agent.Tests.Arp;

/// <summary>
/// The agent's packet ring in a real kernel (root): frames come out whole, in order, with the
/// interface they came in on, only those the kernel filter passes, and the ring keeps going after
/// every block has been used once (a block not handed back would stop it there).
/// </summary>
public sealed class PortRingKernelTests : IAsyncLifetime
{
    private static readonly MacAddress MacA = MacAddress.Parse("02:00:00:09:02:0a");
    private KernelBridge? _bridge;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Privileges.WhyNoLab().Should().BeNull("the kernel tests make a network namespace");
        _bridge = await KernelBridge.CreateAsync("hvpr", ["A", "B"], Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }
    }

    [Fact]
    public void Frames_ComeOutWholeInOrderWithTheirPort_PastEveryBlockOfTheRing()
    {
        var portA = Netns.Run(_bridge!.Name, () => PacketSocket.InterfaceIndex("pA"));
        // A block is handed over 1 ms after its first frame; each round below takes one.
        using var ring = Netns.Run(_bridge.Name, () => PortRing.OpenAll(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(250)));
        var seen = new List<(int Index, string Target)>();
        var rounds = 80;

        for (var round = 1; round <= rounds; round++)
        {
            // Data first: had the filter passed it, it would come out before the claim.
            _bridge.Send("vA", KernelBridge.Udp(MacA, MacAddress.Parse("02:00:00:09:02:0b"), "10.9.2.10", "10.9.2.11"));
            _bridge.Send("vA", Claim(round));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!seen.Any(s => s.Index == portA && s.Target == Address(round)) && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                ring.Read((frame, index) => seen.Add((index, Target(frame))));
            }
            seen.Should().Contain(s => s.Index == portA && s.Target == Address(round), $"round {round}'s claim must come out of the ring (it has 32 blocks); saw {seen.Count} frames");
        }

        // pA's frames are exactly the claims, in the order sent; the others are the copies the
        // bridge flooded (out of pB, seen as outgoing and ignored) or its own.
        seen.Where(s => s.Index == portA).Select(s => s.Target).Should().Equal(Enumerable.Range(1, rounds).Select(Address));
    }

    private static string Address(int round) => $"10.9.2.{round}";

    private static string Target(ReadOnlySpan<byte> frame) =>
        ArpFrame.TryRead(frame, out var arp, out _) ? arp.Arp.TargetProtocolAddress.ToString() : "not ARP";

    private static byte[] Claim(int round)
    {
        var bytes = new byte[ArpFrame.Length];
        GratuitousArp.Create(MacA, IPAddress.Parse(Address(round))).TryWrite(bytes, out _).Should().BeTrue();
        return bytes;
    }
}
