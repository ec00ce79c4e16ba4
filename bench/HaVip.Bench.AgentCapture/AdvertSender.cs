using System.Diagnostics;
using System.Globalization;
using System.Net;
using HaVip.Linux.Namespaces;
using HaVip.Linux.Sockets;
using HaVip.Net.Ethernet;
using HaVip.Net.Vrrp;

namespace HaVip.Bench.AgentCapture;

/// <summary>
/// The instances' VRRP masters, in a process of their own so that their cost is not the agent's:
/// each instance sends its advert every <c>interval</c> (VRRPv2 at whole seconds, VRRPv3 below, as
/// keepalived does), spread evenly over the interval. Runs until its standard input closes, then
/// prints how many adverts it sent.
/// </summary>
internal static class AdvertSender
{
    private static readonly MacAddress VrrpMulticastMac = MacAddress.Parse("01:00:5e:00:00:12");
    private static readonly IPAddress VrrpMulticast = IPAddress.Parse("224.0.0.18");

    public static async Task<int> RunAsync(string netns, int count, TimeSpan interval)
    {
        var instances = Enumerable.Range(0, count).Select(CaptureLab.Instance).ToArray();
        var frames = instances.Select(i => Frame(i, interval)).ToArray();
        var (socket, indexes) = Netns.Run(netns, () => (new PacketSocket(), instances.Select(i => PacketSocket.InterfaceIndex(i.PeerName)).ToArray()));
        using var owned = socket;
        using var stop = new CancellationTokenSource();
        var stdin = Task.Run(() => Console.In.ReadToEnd());
        _ = stdin.ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);
        long sent = 0;
        var clock = Stopwatch.StartNew();
        // Ticks of 10 ms: each sends the adverts that fell due since the last one.
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await ticks.WaitForNextTickAsync(stop.Token))
            {
                var due = (long)(clock.Elapsed / interval * count);
                for (; sent < due; sent++)
                {
                    var i = (int)(sent % count);
                    socket.Send(frames[i], indexes[i]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Standard input closed: the run is over.
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {sent}"));
        return 0;
    }

    private static byte[] Frame(BenchInstance instance, TimeSpan interval)
    {
        var addresses = new[] { IPAddress.Parse(instance.Address.Replace("10.64.", "10.65.", StringComparison.Ordinal)) };
        var advert = interval.TotalSeconds >= 1 && interval.Ticks % TimeSpan.TicksPerSecond == 0
            ? VrrpAdvertisement.CreateV2(instance.Vrid, 150, interval, addresses)
            : VrrpAdvertisement.CreateV3(instance.Vrid, 150, interval, addresses);
        var buffer = new byte[EthernetHeader.Length + 128];
        new EthernetHeader(VrrpMulticastMac, MacAddress.Parse(instance.Mac), EtherType.IPv4).TryWrite(buffer, out _);
        if (!VrrpIpv4Packet.Create(IPAddress.Parse(instance.Address), VrrpMulticast, advert).TryWrite(buffer.AsSpan(EthernetHeader.Length), out var written))
        {
            throw new InvalidOperationException("advert cannot be encoded");
        }
        return buffer[..(EthernetHeader.Length + written)];
    }
}
