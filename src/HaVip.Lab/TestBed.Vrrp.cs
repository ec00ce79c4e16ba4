using HaVip.Lab.Processes;

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
        var command = havipd ? Vrrp.HavipdPath.DaemonCommand(State.StateDir, name, file) : Vrrp.Keepalived.Command(State.StateDir, name, file);
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

    /// <summary>SIGKILLs the instance's VRRP daemons and their VRRP children in one `kill`: a crash (<see cref="Vrrp.Keepalived.CrashAsync"/>).</summary>
    public async Task KillVrrpAsync(string instanceName)
    {
        var daemons = new List<(string, int)>();
        foreach (var name in VrrpNames(instanceName))
        {
            if (State.Pids.Remove(name, out var pid))
            {
                daemons.Add((name, pid));
            }
        }
        await Vrrp.Keepalived.CrashAsync(_commands, State.StateDir, daemons);
        State.Save();
    }

    /// <summary>Takes the instance's NIC down (inside the instance): what a cut cable looks like to VRRP.</summary>
    public Task FailLinkAsync(string instanceName, string device = "eth0", CancellationToken ct = default) =>
        _netns.IpAsync(Names.Vm(instanceName), ct, "link", "set", device, "down");

    public Task RestoreLinkAsync(string instanceName, string device = "eth0", CancellationToken ct = default) =>
        _netns.IpAsync(Names.Vm(instanceName), ct, "link", "set", device, "up");

    /// <summary>Connects from the client instance to the VIP's responder (IPv4 or IPv6, by the address): the name of whoever answers, or null.</summary>
    public Task<string?> ProbeAsync(string vip, TimeSpan timeout, string from = LabSpec.ClientName) =>
        Probes.ResponderProbe.AskAsync(Names.Vm(from), vip, timeout);
}
