using System.Text.RegularExpressions;
using HaVip.Contracts.Agents;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>Scenario 6: agents and the server restart under traffic without dropping it or re-applying what is in place.</summary>
[Collection(nameof(LabCollection))]
public sealed partial class ResyncTests(LabFixture lab) : LabScenario(lab)
{
    [Fact]
    public async Task AgentRestart_DuringTraffic_NoReplyLost_RulesIdentical()
    {
        var (vip, master, _) = await RunningPairAsync();
        var host = Bed.HostOf(master);
        var before = await Bed.RulesetAsync(host, handles: false, Ct, setElements: false);
        using var stop = new CancellationTokenSource();
        var probes = 0;
        int answersSoFar() => Volatile.Read(ref probes);
        var traffic = ProbeUntilAsync(vip.IpAddress, () => Interlocked.Increment(ref probes), stop.Token);

        await Bed.RestartAgentAsync(host, Ct);
        // The new agent process fetched and applied the current state (its counter starts at 0).
        await Eventually.GetAsync(() => AgentAppliesAsync(host), n => n >= 1, Converge, "the restarted agent's applies");
        var afterApply = answersSoFar();
        await Eventually.GetAsync(() => Task.FromResult(answersSoFar()), n => n >= afterApply + 5, Converge, "five probes after the new agent applied");
        await stop.CancelAsync();

        var answers = await traffic;
        answers.Should().NotBeEmpty().And.AllBe(master);
        (await Bed.RulesetAsync(host, handles: false, Ct, setElements: false)).Should().Be(before);
    }

    [Fact]
    public async Task ServerRestart_AgentsReconnect_NothingReapplied()
    {
        var (vip, master, backup) = await RunningPairAsync();
        var before = await Bed.RulesetAsync(Bed.HostOf(master), handles: true, Ct, setElements: false);

        await Bed.RestartServerAsync(Ct);

        // Hosts live in the database: a restart changes nothing an agent holds, so the agents go on
        // long-polling at the version they hold. The evidence that every agent reconnected: the
        // restarted server counts each one's long poll waiting on it.
        var agents = Bed.State.Pids.Keys.Count(k => k.StartsWith("agent-", StringComparison.Ordinal));
        await Eventually.GetAsync(async () => PollsWaiting(await Bed.Api.Http.GetStringAsync("/metrics", Ct)), n => n == agents, Converge,
            $"all {agents} agents long-poll the restarted server (havip_agent_polls_waiting)");
        // The master's host state did not change: the kernel keeps the very same table (a re-apply
        // re-creates it, with new handles), and traffic stays on the master.
        (await Bed.RulesetAsync(Bed.HostOf(master), handles: true, Ct, setElements: false)).Should().Be(before);
        (await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout)).Should().Be(master);

        // And a change made now reaches both (the HAVIP is available only when every host of its
        // subnet applied it): the unbound port may no longer claim the VIP. (The host keeps arming
        // the subnet's HAVIP on the master's adverts, which pass through it: that is the table, not
        // the port's chain.) The master's host applies it too: its silence rule covered the pair.
        (await Bed.Api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{Bed.InstanceId(backup)}", Ct)).EnsureSuccessStatusCode();
        await AvailableAsync(vip.Id);
        var ruleset = await Bed.RulesetAsync(Bed.HostOf(backup), handles: false, Ct);
        PortChain(ruleset, PortNames.HostSide(Bed.InstanceId(backup), "eth0")).Should().NotContain(vip.IpAddress);
        (await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout)).Should().Be(master);
    }

    /// <summary>The server's havip_agent_polls_waiting, or -1 when the scrape has none.</summary>
    private static int PollsWaiting(string metrics) =>
        PollsWaitingLine().Match(metrics) is { Success: true } m ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"^havip_agent_polls_waiting(\{\})? (?<n>\d+)", RegexOptions.Multiline)]
    private static partial Regex PollsWaitingLine();

    /// <summary>The lines of one port's chain in an <c>nft list table</c> output.</summary>
    private static string PortChain(string ruleset, string portName)
    {
        var lines = ruleset.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == $"chain port_{portName} {{");
        start.Should().BeGreaterThanOrEqualTo(0, $"the table has a chain for port {portName}:\n{ruleset}");
        var end = Array.FindIndex(lines, start, l => l.Trim() == "}");
        return string.Join('\n', lines[start..end]);
    }

    private async Task<List<string?>> ProbeUntilAsync(string vip, Action probed, CancellationToken stop)
    {
        var answers = new List<string?>();
        while (!stop.IsCancellationRequested)
        {
            answers.Add(await Bed.ProbeAsync(vip, ProbeTimeout));
            probed();
            await Task.Delay(50, CancellationToken.None);
        }
        return answers;
    }
}
