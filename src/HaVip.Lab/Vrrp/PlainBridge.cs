using HaVip.Contracts.Api;
using HaVip.Lab.Processes;
using HaVip.Lab.Topology;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Vrrp;

/// <summary>
/// The data-plane benchmark's baseline: the same instances (names, MACs, addresses, MTU) as
/// namespaces on one plain <see cref="BridgeSegment"/>, no VXLAN, no nftables, no agent, running
/// the same keepalived.conf files. Every namespace carries one random prefix and all of them go
/// in <see cref="DisposeAsync"/>, which also kills whatever still runs inside them.
/// </summary>
public sealed class PlainBridge : IAsyncDisposable
{
    private readonly NetnsCommands _netns = new(new CommandRunner());
    private readonly string _prefix = LabNames.RandomPrefix("hvpb") + "-";
    private readonly string _stateDir;
    private readonly Launcher _launcher;
    private readonly List<string> _namespaces = [];
    private readonly Dictionary<string, int> _pids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _configs = new(StringComparer.Ordinal);
    private readonly List<int> _responders = [];
    private readonly string _vip;
    private readonly IReadOnlyList<string> _instances;
    private readonly bool _havipd;

    private PlainBridge(string vip, IReadOnlyList<string> instances, string stateDir, bool havipd)
    {
        _vip = vip;
        _instances = instances;
        _stateDir = stateDir;
        _havipd = havipd;
        Directory.CreateDirectory(stateDir);
        _launcher = new Launcher(stateDir);
    }

    public string ClientNetns => Netns(LabSpec.ClientName);

    /// <summary>The namespace of an instance given to <see cref="UpAsync"/>.</summary>
    public string NetnsOf(string instance) => Netns(instance);

    /// <summary>
    /// Builds the bridge and one namespace per NIC given (instance name → its NIC in the subnet), then
    /// starts keepalived in <paramref name="configs"/>' instances; with <paramref name="responders"/>,
    /// also the lab's responder in each of them, which answers a TCP probe with the instance's name.
    /// With <paramref name="havipd"/>, HaVip's own daemon runs on the same files instead of keepalived
    /// (<see cref="HavipdPath"/>), under the same names, so stopping, killing and restarting it are the same calls.
    /// </summary>
    public static async Task<PlainBridge> UpAsync(string vip, int prefixLength, IReadOnlyDictionary<string, NicDto> nics, IReadOnlyDictionary<string, string> configs, string stateDir, CancellationToken ct,
        bool responders = false, bool havipd = false)
    {
        var bridge = new PlainBridge(vip, configs.Keys.ToArray(), stateDir, havipd);
        try
        {
            await bridge.BuildAsync(prefixLength, nics, ct);
            foreach (var (instance, config) in configs)
            {
                if (responders)
                {
                    bridge._responders.Add(await bridge._launcher.StartAsync("respond-" + instance, bridge.Netns(instance),
                        ["dotnet", Binaries.Agent, "respond", "--name", instance, "--port", LabSpec.ResponderPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], ct));
                }
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

    /// <summary>The instance whose eth0 holds the VIP, or null.</summary>
    public async Task<string?> MasterAsync(CancellationToken ct)
    {
        foreach (var instance in _instances)
        {
            if (await _netns.HoldsAsync(Netns(instance), "eth0", _vip, ct))
            {
                return instance;
            }
        }
        return null;
    }

    /// <summary>SIGKILLs the instance's keepalived and its VRRP child: a crash, the VIP left on the NIC (<see cref="Keepalived.CrashAsync"/>).</summary>
    public async Task KillKeepalivedAsync(string instance)
    {
        if (_pids.Remove(instance, out var pid))
        {
            await Keepalived.CrashAsync(new CommandRunner(), _stateDir, [("keepalived-" + instance, pid)]);
        }
    }

    /// <summary>Stops the instance's keepalived cleanly (SIGTERM: a priority-0 advert, the VIP removed).</summary>
    public async Task StopKeepalivedAsync(string instance)
    {
        if (_pids.Remove(instance, out var pid))
        {
            await Launcher.StopAsync(pid, TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Starts the instance's keepalived again on the configuration it was given (after <see cref="KillKeepalivedAsync"/> or <see cref="StopKeepalivedAsync"/>).</summary>
    public Task RestartKeepalivedAsync(string instance, CancellationToken ct) => StartKeepalivedAsync(instance, _configs[instance], ct);

    public Task FailLinkAsync(string instance, CancellationToken ct) => _netns.IpAsync(Netns(instance), ct, "link", "set", "eth0", "down");

    public Task RestoreLinkAsync(string instance, CancellationToken ct) => _netns.IpAsync(Netns(instance), ct, "link", "set", "eth0", "up");

    public async ValueTask DisposeAsync()
    {
        foreach (var pid in _pids.Values.Concat(_responders))
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
        var segment = new BridgeSegment(_netns, _prefix + "sw");
        _namespaces.Add(segment.Netns);
        await segment.CreateAsync(ct);
        foreach (var (instance, nic) in nics)
        {
            var ns = Netns(instance);
            _namespaces.Add(ns);
            await _netns.CreateAsync(ns, ct);
            await segment.PlugAsync(ns, new SegmentPort("eth0", $"{nic.IpAddress}/{prefixLength}", nic.MacAddress, VmBuilder.Mtu), ct);
        }
    }

    private async Task StartKeepalivedAsync(string instance, string config, CancellationToken ct)
    {
        var name = "keepalived-" + instance;
        var file = Path.Combine(_stateDir, name + ".conf");
        await File.WriteAllTextAsync(file, config, ct);
        _configs[instance] = config;
        var command = _havipd ? HavipdPath.DaemonCommand(_stateDir, name, file) : Keepalived.Command(_stateDir, name, file);
        _pids[instance] = await _launcher.StartAsync(name, Netns(instance), command, ct);
    }
}
