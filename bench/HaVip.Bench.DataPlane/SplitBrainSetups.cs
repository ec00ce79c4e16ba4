using HaVip.Lab;
using HaVip.Lab.Vrrp;
using HaVip.Linux.Commands;

namespace HaVip.Bench.DataPlane;

/// <summary>Where the split-brain scenarios run: the HaVip lab with arbitration on or off, or the plain bridge.</summary>
internal interface ISplitBrainSetup
{
    string Name { get; }

    /// <summary>The namespace of an instance or client of the scenario.</summary>
    string Netns(string instance);

    /// <summary>Makes this setup's data plane the one in force (the lab's agents restarted with arbitration on or off).</summary>
    Task EnterAsync(CancellationToken ct);

    /// <summary>Waits until the data plane follows <paramref name="master"/> (the lab with arbitration: its decision in force on <paramref name="backup"/>'s host).</summary>
    Task ReadyAsync(string master, string backup, CancellationToken ct);

    /// <summary>SIGKILLs the instance's daemon (keepalived and its VRRP child, or havipd; the VIP stays on its NIC).</summary>
    Task KillAsync(string instance);

    /// <summary>Stops the instance's daemon cleanly (a priority-0 advert).</summary>
    Task StopAsync(string instance);

    /// <summary>Starts the instance's daemon again on its configuration.</summary>
    Task RestartAsync(string instance, CancellationToken ct);
}

/// <summary>The pair in the HaVip lab: ports on different hosts, VXLAN, the agents' nft rules, arbitration on or off.</summary>
internal sealed class LabSplitBrainSetup(TestBed bed, string vip, bool arbitration, IReadOnlyDictionary<string, string> configs, string vipId, bool havipd) : ISplitBrainSetup
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(30);
    private readonly CommandRunner _commands = new();

    public string Name => arbitration ? "HaVip, arbitration on" : "HaVip, arbitration off";

    public string Netns(string instance) => bed.Names.Vm(instance);

    public Task EnterAsync(CancellationToken ct) => bed.SetArbitrationAsync(arbitration, ct);

    public async Task ReadyAsync(string master, string backup, CancellationToken ct)
    {
        if (!arbitration)
        {
            return;
        }
        var host = bed.Names.Host(bed.HostOf(backup));
        await Wait.ForAsync(() => ListsAsync(host, "decision", ct), $"the decision against {backup} in {host}'s kernel", Converge, ct);
        await Wait.ForAsync(() => ListsAsync(host, "armed", ct), $"{master}'s adverts arming the VIP on {host}", Converge, ct);
    }

    public Task KillAsync(string instance) => bed.KillVrrpAsync(instance);

    public Task StopAsync(string instance) => bed.StopVrrpAsync(instance);

    public Task RestartAsync(string instance, CancellationToken ct) => bed.StartVrrpAsync(instance, vipId, configs[instance], ct, havipd);

    private async Task<bool> ListsAsync(string netns, string set, CancellationToken ct) =>
        (await _commands.RunAsync("ip", ["netns", "exec", netns, "nft", "list", "set", "bridge", "havip", set], ct: ct)).Output.Contains(vip, StringComparison.Ordinal);
}

/// <summary>The same instances on the lab's plain-bridge preset: no agent, no rules, the baseline.</summary>
internal sealed class PlainSplitBrainSetup(PlainBridge plain) : ISplitBrainSetup
{
    public string Name => "plain bridge";

    public string Netns(string instance) => plain.NetnsOf(instance);

    public Task EnterAsync(CancellationToken ct) => Task.CompletedTask;

    public Task ReadyAsync(string master, string backup, CancellationToken ct) => Task.CompletedTask;

    public Task KillAsync(string instance) => plain.KillKeepalivedAsync(instance);

    public Task StopAsync(string instance) => plain.StopKeepalivedAsync(instance);

    public Task RestartAsync(string instance, CancellationToken ct) => plain.RestartKeepalivedAsync(instance, ct);
}

/// <summary>Waiting for evidence, with a deadline that fails with what was awaited.</summary>
internal static class Wait
{
    public static Task ForAsync(Func<Task<bool>> done, string what, TimeSpan within, CancellationToken ct) => ForAsync(done, () => what, within, ct);

    /// <summary>As above, with what was awaited told by <paramref name="what"/> when the deadline passed (say, the last state seen).</summary>
    public static async Task ForAsync(Func<Task<bool>> done, Func<string> what, TimeSpan within, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {within.TotalSeconds:0} s: {what()}");
            }
            await Task.Delay(50, ct);
        }
    }
}
