using System.Globalization;
using HaVip.Contracts.Api;
using HaVip.Lab.Processes;
using HaVip.Lab.Topology;
using HaVip.Linux.Commands;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// The baseline: the same instances (names, MACs, addresses, MTU) as namespaces on one plain
/// Linux bridge, no VXLAN, no nftables, no agent, running the same keepalived.conf files. Every
/// namespace carries one random prefix and all of them go in <see cref="DisposeAsync"/>, which
/// also kills whatever still runs inside them.
/// </summary>
internal sealed class PlainBridge : IVrrpSetup, IAsyncDisposable
{
    private readonly CommandRunner _commands = new();
    private readonly NetnsCommands _netns;
    private readonly string _prefix = "hvpb" + Random.Shared.Next(0x10000, 0xFFFFF).ToString("x5", CultureInfo.InvariantCulture) + "-";
    private readonly string _stateDir;
    private readonly Launcher _launcher;
    private readonly List<string> _namespaces = [];
    private readonly List<int> _pids = [];
    private readonly string _vip;
    private readonly IReadOnlyList<string> _instances;

    private PlainBridge(string vip, IReadOnlyList<string> instances, string stateDir)
    {
        _netns = new NetnsCommands(_commands);
        _vip = vip;
        _instances = instances;
        _stateDir = stateDir;
        Directory.CreateDirectory(stateDir);
        _launcher = new Launcher(stateDir);
    }

    public string Name => "plain bridge";

    public string ClientNetns => Netns("client");

    private string Switch => _prefix + "sw";

    /// <summary>Builds the bridge and one namespace per NIC given (instance name → its NIC in the subnet), then starts keepalived in <paramref name="configs"/>' instances.</summary>
    public static async Task<PlainBridge> UpAsync(string vip, int prefixLength, IReadOnlyDictionary<string, NicDto> nics, IReadOnlyDictionary<string, string> configs, string stateDir, CancellationToken ct)
    {
        var bridge = new PlainBridge(vip, configs.Keys.ToArray(), stateDir);
        try
        {
            await bridge.BuildAsync(prefixLength, nics, ct);
            foreach (var (instance, config) in configs)
            {
                await bridge.StartKeepalivedAsync(instance, config, ct);
            }
            return bridge;
        }
        catch
        {
            await bridge.DisposeAsync();
            throw;
        }
    }

    public Task<string?> MasterAsync(CancellationToken ct) => VipHolder.FindAsync(_commands, _instances, Netns, _vip, ct);

    public Task FailLinkAsync(string instance, CancellationToken ct) => _netns.IpAsync(Netns(instance), ct, "link", "set", "eth0", "down");

    public Task RestoreLinkAsync(string instance, CancellationToken ct) => _netns.IpAsync(Netns(instance), ct, "link", "set", "eth0", "up");

    public async ValueTask DisposeAsync()
    {
        foreach (var pid in _pids)
        {
            await Launcher.StopAsync(pid, TimeSpan.FromSeconds(3));
        }
        foreach (var netns in _namespaces)
        {
            await _netns.DeleteAsync(netns, CancellationToken.None);
        }
    }

    private string Netns(string instance) => _prefix + instance;

    private async Task BuildAsync(int prefixLength, IReadOnlyDictionary<string, NicDto> nics, CancellationToken ct)
    {
        await AddNetnsAsync(Switch, ct);
        await _netns.IpAsync(Switch, ct, "link", "add", "br0", "type", "bridge");
        await _netns.IpAsync(Switch, ct, "link", "set", "br0", "up");
        var port = 0;
        foreach (var (instance, nic) in nics)
        {
            var ns = Netns(instance);
            var peer = "p" + (++port).ToString(CultureInfo.InvariantCulture);
            await AddNetnsAsync(ns, ct);
            await _netns.IpAsync(ns, ct, "link", "add", "eth0", "address", nic.MacAddress, "mtu", VmBuilder.Mtu, "type", "veth", "peer", "name", peer, "mtu", VmBuilder.Mtu, "netns", Switch);
            await _netns.IpAsync(ns, ct, "addr", "add", $"{nic.IpAddress}/{prefixLength}", "dev", "eth0");
            await _netns.IpAsync(ns, ct, "link", "set", "eth0", "up");
            await _netns.IpAsync(Switch, ct, "link", "set", peer, "master", "br0", "up");
        }
    }

    private async Task AddNetnsAsync(string netns, CancellationToken ct)
    {
        await _netns.AddAsync(netns, ct);
        _namespaces.Add(netns);
        await _netns.QuietAsync(netns, ct);
        await _netns.IpAsync(netns, ct, "link", "set", "lo", "up");
    }

    private async Task StartKeepalivedAsync(string instance, string config, CancellationToken ct)
    {
        var name = "keepalived-" + instance;
        var file = Path.Combine(_stateDir, name + ".conf");
        await File.WriteAllTextAsync(file, config, ct);
        _pids.Add(await _launcher.StartAsync(name, Netns(instance),
            ["keepalived", "-n", "-l", "-G", "-P", "-f", file, "-p", Path.Combine(_stateDir, name + ".kpid"), "-r", Path.Combine(_stateDir, name + ".vpid")], ct));
    }
}
