namespace HaVip.Lab;

/// <summary>
/// Split-brain arbitration switched off in the lab's agents (<c>--arbitration off</c>): the data
/// plane then follows claims, as HaVip did before arbitration. The benchmark compares the two in
/// one lab; a test is shown able to fail by running it with HAVIP_LAB_AGENT_ARGS="--arbitration off".
/// </summary>
public sealed partial class TestBed
{
    /// <summary>Extra arguments for every agent the lab starts, e.g. "--arbitration off" (a test's proof run).</summary>
    public const string AgentArgsVariable = "HAVIP_LAB_AGENT_ARGS";

    private bool _arbitration = true;

    /// <summary>Whether the lab's agents enforce the platform's split-brain decisions: not after <see cref="SetArbitrationAsync"/> off, nor with "--arbitration off" in <see cref="AgentArgsVariable"/>.</summary>
    public bool Arbitration => _arbitration && !(Environment.GetEnvironmentVariable(AgentArgsVariable) ?? "").Contains("--arbitration off", StringComparison.Ordinal);

    /// <summary>
    /// Restarts every host's agent with arbitration on or off and waits until each applied its
    /// state again: the ruleset changes (the drop rule comes or goes), so each host re-creates its
    /// table and no decision element survives an agent started with it off.
    /// </summary>
    public async Task SetArbitrationAsync(bool on, CancellationToken ct)
    {
        if (on == _arbitration)
        {
            return;
        }
        _arbitration = on;
        var hosts = State.Hosts.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var host in hosts)
        {
            await Processes.Launcher.StopAsync(State.Pids["agent-" + host], TimeSpan.FromSeconds(5));
            // Its rules stay in the kernel: only the new agent's first apply tells its state.
            await _commands.RunAsync("ip", ["netns", "exec", Names.Host(host), "nft", "delete", "table", "bridge", "havip"], ct: ct);
            await StartAgentAgainAsync(host, ct);
        }
        await WaitForAgentsAsync(hosts, ct);
    }

    private IEnumerable<string> AgentArbitrationArgs() =>
        (_arbitration ? [] : new[] { "--arbitration", "off" })
            .Concat((Environment.GetEnvironmentVariable(AgentArgsVariable) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
