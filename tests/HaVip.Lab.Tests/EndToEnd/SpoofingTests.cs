using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Lab.Probes;
using HaVip.Linux.Namespaces;
using HaVip.Linux.Sockets;
using HaVip.Net.Ethernet;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// The anti-spoofing ruleset as the kernel enforces it: an instance sends crafted frames from its
/// namespace through its host's bridge (the agent's real rules for a real desired state); a
/// capture in a peer instance on another host sees which arrive.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class SpoofingTests(LabFixture lab) : LabScenario(lab)
{
    /// <summary>How long an allowed frame may take across bridge, VXLAN and bridge on a loaded machine (it takes milliseconds).</summary>
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ForbiddenFramesNeverArrive_AllowedOnesDo_DropsCountedByReason()
    {
        var vip = IPAddress.Parse((await AvailableAsync((await CreateAsync("havip-01", "havip-02")).Id)).IpAddress);
        var own = await Eth0Async("havip-01");
        var peer = await Eth0Async("havip-02");
        var (mac, ip, peerIp) = (MacAddress.Parse(own.MacAddress), IPAddress.Parse(own.IpAddress), IPAddress.Parse(peer.IpAddress));
        var foreignMac = MacAddress.Parse("02:5a:5a:5a:5a:5a");
        var host = Bed.HostOf("havip-01");
        var port = PortNames.HostSide(Bed.InstanceId("havip-01"), own.Device);
        var before = await DropsAsync(host, port);

        using var tap = new FrameTap(Bed.Names.Vm("havip-02"));
        var (socket, index) = Netns.Run(Bed.Names.Vm("havip-01"), () => (new PacketSocket(), PacketSocket.InterfaceIndex(own.Device)));
        using var _ = socket;

        (string What, Func<byte[], byte[]> Frame, string Reason)[] forbidden =
        [
            ("a foreign source MAC", n => CraftedFrames.Ipv4(foreignMac, ip, peerIp, n), "mac"),
            ("ARP with a foreign sender MAC", n => CraftedFrames.Arp(mac, foreignMac, ip, peerIp, n), "arp_mac"),
            ("ARP with a foreign sender IP", n => CraftedFrames.Arp(mac, mac, peerIp, peerIp, n), "arp_ip"),
            ("IPv4 from a foreign source address", n => CraftedFrames.Ipv4(mac, peerIp, peerIp, n), "ip"),
            ("a VLAN-tagged frame", n => CraftedFrames.Vlan(mac, ip, peerIp, n), "ethertype"),
            // LLDP to the broadcast address: sent to its own group address the bridge would never forward it anyway.
            ("LLDP", n => CraftedFrames.Other(mac, 0x88cc, n), "ethertype"),
            ("another EtherType (local experimental)", n => CraftedFrames.Other(mac, 0x88b5, n), "ethertype"),
        ];
        (string What, Func<byte[], byte[]> Frame)[] allowed =
        [
            ("IPv4 from its own MAC and IP", n => CraftedFrames.Ipv4(mac, ip, peerIp, n)),
            ("ARP for its own IP", n => CraftedFrames.Arp(mac, mac, ip, peerIp, n)),
            ("a gratuitous ARP for the HAVIP it is bound to", n => CraftedFrames.Arp(mac, mac, vip, vip, n)),
        ];

        foreach (var (what, frame) in allowed)
        {
            var nonce = CraftedFrames.Nonce();
            socket.Send(frame(nonce), index);
            (await tap.WaitForAsync(nonce, Delivery, Ct)).Should().BeTrue($"{what} is allowed (the peer heard {tap.Count} frames)");
        }
        foreach (var (what, frame, _) in forbidden)
        {
            var nonce = CraftedFrames.Nonce();
            var evidence = CraftedFrames.Nonce();
            socket.Send(frame(nonce), index);
            // An allowed frame on the same path, sent after: once it arrived, the forbidden one would have.
            socket.Send(allowed[0].Frame(evidence), index);
            (await tap.WaitForAsync(evidence, Delivery, Ct)).Should().BeTrue($"the allowed frame sent after {what} arrives (the peer heard {tap.Count} frames)");
            tap.Saw(nonce).Should().BeFalse($"{what} is dropped at the instance's port");
        }

        foreach (var reason in forbidden.GroupBy(f => f.Reason))
        {
            var after = await DropsAsync(host, port);
            (after.GetValueOrDefault(reason.Key) - before.GetValueOrDefault(reason.Key)).Should()
                .BeGreaterThanOrEqualTo(reason.Count(), $"the agent counts drops of reason {reason.Key} ({string.Join(", ", reason.Select(r => r.What))})");
        }
    }

    private async Task<NicDto> Eth0Async(string instance) =>
        (await Bed.Api.GetInstanceAsync(Bed.InstanceId(instance), Ct)).Nics.First(n => n.Device == "eth0");

    /// <summary>The agent's havip_agent_drops_total for one port, by reason, from its /metrics (read from the kernel's counters at each scrape).</summary>
    private async Task<Dictionary<string, long>> DropsAsync(string host, string port)
    {
        var drops = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match m in DropLine().Matches(await Bed.AgentMetricsAsync(host, Ct)))
        {
            if (m.Groups["port"].Value == port)
            {
                drops[m.Groups["reason"].Value] = long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return drops;
    }

    [GeneratedRegex("""^havip_agent_drops_total\{port="(?<port>[^"]+)",reason="(?<reason>[^"]+)"\} (?<value>\d+)""", RegexOptions.Multiline)]
    private static partial Regex DropLine();
}
