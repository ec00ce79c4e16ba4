using HaVip.Lab.Processes;

namespace HaVip.Lab;

/// <summary>
/// Operations only the end-to-end tests use (restarts, the kernel's ruleset, neighbour flushes):
/// internal, so they are no part of what `havip` ships; HaVip.Lab.Tests sees them.
/// </summary>
public sealed partial class TestBed
{
    /// <summary>Stops a host's agent (SIGTERM; its rules stay in the kernel) and starts it again.</summary>
    internal async Task RestartAgentAsync(string host, CancellationToken ct)
    {
        var name = "agent-" + host;
        await Launcher.StopAsync(State.Pids[name], TimeSpan.FromSeconds(5));
        await StartAgentAgainAsync(host, ct);
    }

    /// <summary>SIGKILLs a host's agent: no goodbye, its rules and sets stay in the kernel and lapse on their own timeouts.</summary>
    internal async Task KillAgentAsync(string host)
    {
        if (State.Pids.Remove("agent-" + host, out var pid))
        {
            await _commands.RunAsync("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            State.Save();
        }
    }

    /// <summary>Starts a host's agent after it was stopped or killed.</summary>
    internal Task StartAgentAgainAsync(string host, CancellationToken ct)
    {
        var index = State.Hosts.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList().IndexOf(host);
        return StartAgentAsync(host, Topology.Underlay.AddressOf(index), ct);
    }

    /// <summary>Stops the server and starts it again on the same database and socket.</summary>
    internal async Task RestartServerAsync(CancellationToken ct)
    {
        await Launcher.StopAsync(State.Pids["server"], TimeSpan.FromSeconds(10));
        File.Delete(State.Socket);
        await StartServerAsync(ct);
    }

    /// <summary>Stops replica <paramref name="replica"/> of a two-replica lab (SIGTERM): its agents move to the other.</summary>
    internal async Task StopReplicaAsync(int replica)
    {
        if (State.Pids.Remove(LabState.ServerName(replica), out var pid))
        {
            await Launcher.StopAsync(pid, TimeSpan.FromSeconds(10));
            State.Save();
        }
    }

    /// <summary>
    /// The host's nft table as the kernel has it; with <paramref name="handles"/>, a re-created
    /// table shows as different. Without <paramref name="setElements"/> the named sets are listed
    /// empty (nft -t): the arbitration sets' elements come and go with adverts and refreshes, so a
    /// comparison of what the agent applied leaves them out, as its own drift check does.
    /// </summary>
    internal async Task<string> RulesetAsync(string host, bool handles, CancellationToken ct, bool setElements = true)
    {
        string[] list = ["nft", .. handles ? new[] { "-a" } : [], .. setElements ? Array.Empty<string>() : ["-t"], "-s", "list", "table", "bridge", "havip"];
        var result = await _commands.RunCheckedAsync("ip", ["netns", "exec", Names.Host(host), .. list], ct: ct);
        return result.Output;
    }

    /// <summary>Forgets every ARP entry of an instance, so its next packet asks who holds the address now.</summary>
    internal Task FlushNeighboursAsync(string instanceName, CancellationToken ct) =>
        _netns.IpAsync(Names.Vm(instanceName), ct, "neigh", "flush", "all");

    public string HostOf(string instanceName) => State.Hosts[instanceName];
}
