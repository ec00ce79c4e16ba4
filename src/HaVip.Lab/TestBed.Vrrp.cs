using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HaVip.Lab.Processes;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab;

public sealed partial class TestBed
{
    /// <summary>
    /// Starts keepalived in the instance with the server's configuration (or <paramref name="config"/>);
    /// with <paramref name="havipd"/>, HaVip's own daemon on the same file (<see cref="Vrrp.HavipdPath"/>),
    /// under the same lab name, so stopping and killing it are the same calls. A second HAVIP in
    /// the same instance (the demo's IPv6 one) runs its own daemon under <paramref name="label"/>.
    /// </summary>
    public async Task StartVrrpAsync(string instanceName, string haVipId, string? config = null, CancellationToken ct = default, bool havipd = false, string? label = null)
    {
        config ??= await Api.KeepalivedAsync(haVipId, InstanceId(instanceName), ct);
        var name = VrrpName(instanceName, label);
        var file = Path.Combine(State.StateDir, name + ".conf");
        await File.WriteAllTextAsync(file, config, ct);
        IReadOnlyList<string> command = havipd
            ? [.. Vrrp.HavipdPath.Command, "-f", file, "--control", Path.Combine(State.StateDir, name + ".sock"), "-p", Path.Combine(State.StateDir, name + ".kpid")]
            : Vrrp.Keepalived.Command(State.StateDir, name, file);
        await StartProcessAsync(name, Names.Vm(instanceName), command, ct);
    }

    /// <summary>The lab name of an instance's VRRP daemon: keepalived-havip-01, or keepalived-havip-01-v6 with a label.</summary>
    private static string VrrpName(string instanceName, string? label) =>
        label is null ? "keepalived-" + instanceName : $"keepalived-{instanceName}-{label}";

    /// <summary>Every VRRP daemon the lab runs in the instance, whatever its label.</summary>
    private IReadOnlyList<string> VrrpNames(string instanceName) =>
        State.Pids.Keys.Where(k => k == VrrpName(instanceName, null) || k.StartsWith(VrrpName(instanceName, null) + "-", StringComparison.Ordinal)).ToArray();

    /// <summary>Stops the instance's VRRP daemons cleanly (each hands over with a priority-0 advert).</summary>
    public async Task StopVrrpAsync(string instanceName)
    {
        foreach (var name in VrrpNames(instanceName))
        {
            if (State.Pids.Remove(name, out var pid))
            {
                await Launcher.StopAsync(pid, TimeSpan.FromSeconds(5));
                State.Save();
            }
        }
    }

    /// <summary>
    /// SIGKILLs the instance's keepalived daemons and their VRRP children in one `kill`: a crash, no
    /// goodbye advert, and the VIP left on the NIC. Killed one after the other, a child heard of its
    /// parent's death in between and shut down cleanly (a priority-0 advert, the VIP removed;
    /// docs/split-brain.md).
    /// </summary>
    public async Task KillVrrpAsync(string instanceName)
    {
        // Children first: each is gone before its parent's death could reach it.
        var children = new List<string>();
        var parents = new List<string>();
        foreach (var name in VrrpNames(instanceName))
        {
            var vrrpPidFile = Vrrp.Keepalived.VrrpPidFile(State.StateDir, name);
            if (File.Exists(vrrpPidFile) && int.TryParse((await File.ReadAllTextAsync(vrrpPidFile)).Trim(), CultureInfo.InvariantCulture, out var child))
            {
                children.Add(child.ToString(CultureInfo.InvariantCulture));
            }
            if (State.Pids.Remove(name, out var parent))
            {
                parents.Add(parent.ToString(CultureInfo.InvariantCulture));
            }
        }
        if (children.Count + parents.Count > 0)
        {
            await _commands.RunAsync("kill", ["-KILL", .. children, .. parents]);
        }
        State.Save();
    }

    /// <summary>Takes the instance's NIC down (inside the instance): what a cut cable looks like to VRRP.</summary>
    public Task FailLinkAsync(string instanceName, string device = "eth0", CancellationToken ct = default) =>
        _netns.IpAsync(Names.Vm(instanceName), ct, "link", "set", device, "down");

    public Task RestoreLinkAsync(string instanceName, string device = "eth0", CancellationToken ct = default) =>
        _netns.IpAsync(Names.Vm(instanceName), ct, "link", "set", device, "up");

    /// <summary>Connects from the client instance to the VIP's responder (IPv4 or IPv6, by the address): the name of whoever answers, or null.</summary>
    public async Task<string?> ProbeAsync(string vip, TimeSpan timeout, string from = LabSpec.ClientName)
    {
        var address = IPAddress.Parse(vip);
        using var socket = NetnsSockets.Create(Names.Vm(from), address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, LabSpec.ResponderPort), cts.Token);
            var buffer = new byte[256];
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null;
        }
    }
}
