namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>Scenario 6: agents and the server restart under traffic without dropping it or re-applying what is in place.</summary>
[Collection(nameof(LabCollection))]
public sealed class ResyncTests(LabFixture lab) : LabScenario(lab)
{
    [Fact]
    public async Task AgentRestart_DuringTraffic_NoReplyLost_RulesIdentical()
    {
        var (vip, master, _) = await RunningPairAsync();
        var host = Bed.HostOf(master);
        var before = await Bed.RulesetAsync(host, handles: false, Ct);
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
        (await Bed.RulesetAsync(host, handles: false, Ct)).Should().Be(before);
    }

    [Fact]
    public async Task ServerRestart_AgentsReconnect_NothingReapplied()
    {
        var (vip, master, backup) = await RunningPairAsync();
        var hosts = new[] { Bed.HostOf(master), Bed.HostOf(backup) };
        var before = await Task.WhenAll(hosts.Select(h => Bed.RulesetAsync(h, handles: true, Ct)));

        var applied = await Task.WhenAll(hosts.Select(AgentAppliesAsync));

        await Bed.RestartServerAsync(Ct);

        // Agents re-register (a new change number) and get the same state, which each applies
        // (its counter moves): the kernel keeps the very same table.
        foreach (var (host, had) in hosts.Zip(applied))
        {
            await Eventually.GetAsync(() => AgentAppliesAsync(host), n => n > had, Converge, $"agent of {host} applying after the server's restart");
        }
        (await Task.WhenAll(hosts.Select(h => Bed.RulesetAsync(h, handles: true, Ct)))).Should().Equal(before);
        (await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout)).Should().Be(master);

        // ... and they are connected again: a change made now reaches them.
        (await Bed.Api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{Bed.InstanceId(backup)}", Ct)).EnsureSuccessStatusCode();
        await AvailableAsync(vip.Id);
        (await Bed.RulesetAsync(Bed.HostOf(backup), handles: false, Ct)).Should().NotContain(vip.IpAddress);
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
