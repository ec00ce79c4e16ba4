using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Linux.Netlink;
using HaVip.Linux.Sockets;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Arp;

/// <summary>The platform's word to the clients of one bridge: the VIP is at the chosen instance's MAC.</summary>
internal sealed record Announcement(string Bridge, IPAddress Vip, MacAddress ChosenMac);

/// <summary>
/// On a change of decision, repoints every client on this host's bridges to the chosen instance
/// (docs/split-brain.md): <see cref="Count"/> gratuitous ARP requests, <see cref="Gap"/> apart,
/// sent on the subnet's bridge. The Ethernet source is the bridge's own MAC, never the
/// instance's: a frame flooded over VXLAN with the instance's MAC as source would move that MAC's
/// FDB entry on other hosts to their VXLAN port (measured: traffic to it broke for 5.5 s).
/// </summary>
internal sealed partial class DecisionAnnouncer(ILogger<DecisionAnnouncer> logger) : IDisposable
{
    public const int Count = 3;
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100);
    private readonly Lazy<PacketSocket> _socket = new(() => new PacketSocket());

    /// <summary>The HAVIPs whose chosen instance differs from the one <paramref name="before"/> held (a first decision too).</summary>
    public static IReadOnlyList<Announcement> Changes(DesiredStateDto? before, DesiredStateDto after)
    {
        var vnis = after.Subnets.ToDictionary(s => s.Id, s => s.Vni, StringComparer.Ordinal);
        return [.. after.HaVips
            .Where(v => v.Decision is { } d && vnis.ContainsKey(v.SubnetId)
                && before?.HaVips.FirstOrDefault(b => b.Id == v.Id)?.Decision?.InstanceId != d.InstanceId)
            .Select(v => new Announcement(PortNames.Bridge(vnis[v.SubnetId]), IPAddress.Parse(v.IpAddress), MacAddress.Parse(v.Decision!.MacAddress)))];
    }

    /// <summary>The frame: sender MAC = the chosen instance, sender IP = target IP = the VIP, Ethernet source = the bridge.</summary>
    public static ArpFrame Frame(Announcement a, MacAddress bridgeMac) =>
        new(new EthernetHeader(MacAddress.Broadcast, bridgeMac, EtherType.Arp),
            new ArpPacket(ArpOperation.Request, a.ChosenMac, a.Vip, MacAddress.Broadcast, a.Vip));

    /// <summary>Sends the announcements; failures are logged, never thrown (the decision stands without them).</summary>
    public async Task AnnounceAsync(IReadOnlyList<Announcement> announcements, CancellationToken ct)
    {
        try
        {
            for (var round = 0; round < Count && announcements.Count > 0; round++)
            {
                if (round > 0)
                {
                    await Task.Delay(Gap, ct);
                }
                foreach (var a in announcements)
                {
                    Send(a);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        if (_socket.IsValueCreated)
        {
            _socket.Value.Dispose();
        }
    }

    private void Send(Announcement a)
    {
        try
        {
            // Netlink, not /sys: /sys shows the namespace it was mounted in, not necessarily the agent's.
            using var links = new RouteNetlink();
            var bridgeMac = links.GetLinks().FirstOrDefault(l => l.Name == a.Bridge)?.Mac
                ?? throw new IOException($"no bridge {a.Bridge}");
            _socket.Value.SendArp(Frame(a, bridgeMac), PacketSocket.InterfaceIndex(a.Bridge));
            LogAnnounced(a.Vip.ToString(), a.ChosenMac.ToString(), a.Bridge);
        }
        catch (Exception e) when (e is IOException or NetlinkException or System.ComponentModel.Win32Exception or System.Net.Sockets.SocketException)
        {
            LogAnnounceFailed(a.Vip.ToString(), a.Bridge, e.Message);
        }
    }

    [LoggerMessage(LogLevel.Information, "announced {Vip} at {Mac} on {Bridge} (decision)")]
    private partial void LogAnnounced(string vip, string mac, string bridge);

    [LoggerMessage(LogLevel.Warning, "cannot announce {Vip} on {Bridge}: {Reason}")]
    private partial void LogAnnounceFailed(string vip, string bridge, string reason);
}
