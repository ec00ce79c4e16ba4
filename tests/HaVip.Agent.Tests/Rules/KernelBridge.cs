using HaVip.Linux.Commands;
using HaVip.Linux.Namespaces;
using HaVip.Linux.Sockets;

namespace HaVip.Agent.Tests.Rules;

/// <summary>
/// A network namespace of a kernel test's own with a bridge br0 and, per port name X, a veth pair
/// pX (on the bridge, the host side) and vX (the instance's end, where the test sends from). IPv6 is
/// off on every interface of the namespace, so the only IPv6 frames in it are the test's. Deleting
/// the namespace removes everything, also after a failed test.
/// </summary>
internal sealed class KernelBridge : IAsyncDisposable
{
    private readonly CommandRunner _commands = new();
    private PacketSocket? _socket;

    private KernelBridge(string name) => Name = name;

    public string Name { get; }

    public static async Task<KernelBridge> CreateAsync(string prefix, IEnumerable<string> ports, CancellationToken ct)
    {
        var bridge = new KernelBridge($"{prefix}{Random.Shared.Next(100000, 999999)}");
        await bridge.RunAsync(ct, "ip", "netns", "add", bridge.Name);
        try
        {
            await bridge.RunAsync(ct, "ip", "netns", "exec", bridge.Name, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1", "net.ipv6.conf.all.disable_ipv6=1");
            // No multicast snooping: every frame to ff02::1 floods to every port.
            await bridge.RunAsync(ct, "ip", "-n", bridge.Name, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            await bridge.RunAsync(ct, "ip", "-n", bridge.Name, "link", "set", "br0", "up");
            foreach (var x in ports)
            {
                await bridge.RunAsync(ct, "ip", "-n", bridge.Name, "link", "add", "p" + x, "type", "veth", "peer", "name", "v" + x);
                await bridge.RunAsync(ct, "ip", "-n", bridge.Name, "link", "set", "p" + x, "master", "br0");
                await bridge.RunAsync(ct, "ip", "-n", bridge.Name, "link", "set", "p" + x, "up");
                await bridge.RunAsync(ct, "ip", "-n", bridge.Name, "link", "set", "v" + x, "up");
            }
            bridge._socket = Netns.Run(bridge.Name, () => new PacketSocket());
            return bridge;
        }
        catch
        {
            await bridge.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends <paramref name="frame"/> out of <paramref name="device"/>, into the bridge when it is an instance's end.</summary>
    public void Send(string device, byte[] frame) => _socket!.Send(frame, Netns.Run(Name, () => PacketSocket.InterfaceIndex(device)));

    /// <summary>An IPv4 UDP datagram from <paramref name="source"/> to <paramref name="destination"/>: data, not ARP or VRRP.</summary>
    public static byte[] Udp(HaVip.Net.Ethernet.MacAddress sourceMac, HaVip.Net.Ethernet.MacAddress destinationMac, string source, string destination)
    {
        var frame = new byte[HaVip.Net.Ethernet.EthernetHeader.Length + 28];
        new HaVip.Net.Ethernet.EthernetHeader(destinationMac, sourceMac, HaVip.Net.Ethernet.EtherType.IPv4).TryWrite(frame, out var header).Should().BeTrue();
        var ip = frame.AsSpan(header);
        ip[0] = 0x45;
        ip[3] = 28;
        ip[8] = 64;
        ip[9] = 17;
        System.Net.IPAddress.Parse(source).TryWriteBytes(ip[12..], out _);
        System.Net.IPAddress.Parse(destination).TryWriteBytes(ip[16..], out _);
        return frame;
    }

    public async Task NftAsync(string text, CancellationToken ct) =>
        (await _commands.RunAsync("ip", ["netns", "exec", Name, "nft", "-f", "-"], text, ct)).Succeeded.Should().BeTrue(text);

    /// <summary>Every named counter of the namespace's nft tables, by name.</summary>
    public async Task<Dictionary<string, long>> CountersAsync(CancellationToken ct) =>
        HaVip.Agent.Metrics.DropCounters.Parse(await RunAsync(ct, "ip", "netns", "exec", Name, "nft", "-j", "list", "counters"));

    public async ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        await _commands.RunAsync("ip", ["netns", "del", Name], ct: CancellationToken.None);
    }

    private async Task<string> RunAsync(CancellationToken ct, string file, params string[] arguments) =>
        (await _commands.RunCheckedAsync(file, arguments, ct: ct)).Output;
}
