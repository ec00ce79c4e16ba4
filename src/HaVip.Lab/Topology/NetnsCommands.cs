using HaVip.Linux.Commands;

namespace HaVip.Lab.Topology;

/// <summary>`ip` inside a namespace, and the namespaces themselves.</summary>
public sealed class NetnsCommands(CommandRunner commands)
{
    public Task AddAsync(string netns, CancellationToken ct) => commands.RunCheckedAsync("ip", ["netns", "add", netns], ct: ct);

    /// <summary>A namespace as every lab node starts: quiet (<see cref="QuietAsync"/>), loopback up.</summary>
    public async Task CreateAsync(string netns, CancellationToken ct)
    {
        await AddAsync(netns, ct);
        await QuietAsync(netns, ct);
        await IpAsync(netns, ct, "link", "set", "lo", "up");
    }

    /// <summary>Whether <paramref name="device"/> in the namespace carries <paramref name="address"/> right now (a VIP held).</summary>
    public async Task<bool> HoldsAsync(string netns, string device, string address, CancellationToken ct)
    {
        var shown = await commands.RunAsync("ip", ["-n", netns, "-br", "addr", "show", "dev", device], ct: ct);
        return shown.Output.Contains($" {address}/", StringComparison.Ordinal);
    }

    public Task IpAsync(string netns, CancellationToken ct, params string[] arguments) =>
        commands.RunCheckedAsync("ip", ["-n", netns, .. arguments], ct: ct);

    public Task ExecAsync(string netns, CancellationToken ct, params string[] arguments) =>
        commands.RunCheckedAsync("ip", ["netns", "exec", netns, .. arguments], ct: ct);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct)
    {
        var result = await commands.RunAsync("ip", ["netns", "list"], ct: ct);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToArray();
    }

    /// <summary>Kills whatever still runs in the namespace (only lab processes can), then deletes it.</summary>
    public async Task DeleteAsync(string netns, CancellationToken ct)
    {
        var pids = await commands.RunAsync("ip", ["netns", "pids", netns], ct: ct);
        foreach (var pid in pids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await commands.RunAsync("kill", ["-KILL", pid.Trim()], ct: ct);
        }
        await commands.RunAsync("ip", ["netns", "del", netns], ct: ct);
    }

    /// <summary>Sysctls that keep a lab namespace quiet: no IPv6 chatter on the ports.</summary>
    public Task QuietAsync(string netns, CancellationToken ct) =>
        ExecAsync(netns, ct, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
}
