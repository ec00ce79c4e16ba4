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
    /// under the same lab name, so stopping and killing it are the same calls.
    /// </summary>
    public async Task StartVrrpAsync(string instanceName, string haVipId, string? config = null, CancellationToken ct = default, bool havipd = false)
    {
        config ??= await Api.KeepalivedAsync(haVipId, InstanceId(instanceName), ct);
        var name = "keepalived-" + instanceName;
        var file = Path.Combine(State.StateDir, name + ".conf");
        await File.WriteAllTextAsync(file, config, ct);
        IReadOnlyList<string> command = havipd
            ? [.. Vrrp.HavipdPath.Command, "-f", file, "--control", Path.Combine(State.StateDir, name + ".sock"), "-p", Path.Combine(State.StateDir, name + ".kpid")]
            : Vrrp.Keepalived.Command(State.StateDir, name, file);
        await StartProcessAsync(name, Names.Vm(instanceName), command, ct);
    }

    /// <summary>Stops keepalived cleanly (it hands over with a priority-0 advert).</summary>
    public async Task StopVrrpAsync(string instanceName)
    {
        if (State.Pids.Remove("keepalived-" + instanceName, out var pid))
        {
            await Launcher.StopAsync(pid, TimeSpan.FromSeconds(5));
            State.Save();
        }
    }

    /// <summary>
    /// SIGKILLs keepalived and its VRRP child in one `kill`: a crash, no goodbye advert, and the VIP
    /// left on the NIC. Killed one after the other, the child heard of its parent's death in
    /// between and shut down cleanly (a priority-0 advert, the VIP removed; docs/split-brain.md).
    /// </summary>
    public async Task KillVrrpAsync(string instanceName)
    {
        var name = "keepalived-" + instanceName;
        var vrrpPidFile = Vrrp.Keepalived.VrrpPidFile(State.StateDir, name);
        var pids = new List<string>();
        if (File.Exists(vrrpPidFile) && int.TryParse((await File.ReadAllTextAsync(vrrpPidFile)).Trim(), CultureInfo.InvariantCulture, out var child))
        {
            pids.Add(child.ToString(CultureInfo.InvariantCulture));
        }
        if (State.Pids.Remove(name, out var parent))
        {
            pids.Add(parent.ToString(CultureInfo.InvariantCulture));
        }
        if (pids.Count > 0)
        {
            await _commands.RunAsync("kill", ["-KILL", .. pids]);
        }
        State.Save();
    }

    /// <summary>Takes the instance's NIC down (inside the instance): what a cut cable looks like to VRRP.</summary>
    public Task FailLinkAsync(string instanceName, string device = "eth0", CancellationToken ct = default) =>
        _netns.IpAsync(Names.Vm(instanceName), ct, "link", "set", device, "down");

    public Task RestoreLinkAsync(string instanceName, string device = "eth0", CancellationToken ct = default) =>
        _netns.IpAsync(Names.Vm(instanceName), ct, "link", "set", device, "up");

    /// <summary>Connects from the client instance to the VIP's responder: the name of whoever answers, or null.</summary>
    public async Task<string?> ProbeAsync(string vip, TimeSpan timeout, string from = LabSpec.ClientName)
    {
        using var socket = NetnsSockets.Create(Names.Vm(from), AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(vip), LabSpec.ResponderPort), cts.Token);
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
