using System.Globalization;
using System.Text.RegularExpressions;
using HaVip.Contracts.Agents;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// Drift on a host (an operator's <c>nft delete table</c>, another tool flushing a chain, a port
/// taken out of its bridge) is repaired by the agent's own verification, within one period and
/// one apply, without a change from the server; the agent counts the repair and the server
/// records it.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class SelfRepairTests(LabFixture lab) : LabScenario(lab)
{
    /// <summary>One apply: the device reads (three process runs) and <c>nft -f</c> take tens of ms idle, up to seconds at load 30.</summary>
    private static readonly TimeSpan OneApply = TimeSpan.FromSeconds(3);

    /// <summary>The margin: the test's own 100 ms polling, and a verification that started just before the drift and saw none.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>The bound a repair is held to: the verification period, then one apply, plus the named margin.</summary>
    private static readonly TimeSpan Bound = LabFixture.VerifyInterval + OneApply + Margin;

    private readonly CommandRunner _commands = new();

    [Fact]
    public async Task DeletedTable_IsRestoredAsRendered_WithinOnePeriod()
    {
        var (host, _, rendered) = await SettledAsync();
        var repairs = await RepairsAsync(host, "table");

        await InHostAsync(host, "nft", "delete", "table", "bridge", "havip");

        await Eventually.GetAsync(async () => WithoutVrrpRules(await RulesetOrNoneAsync(host)), r => r == WithoutVrrpRules(rendered), Bound, "the agent's table restored as rendered");
        await CountedAsync(host, "table", repairs);
        await ServerRecordedAsync(host, "table");
    }

    [Fact]
    public async Task FlushedChain_IsRestored_SpoofingDroppedAgain()
    {
        var (host, port, _) = await SettledAsync();
        var chain = "port_" + port.Replace('-', '_').Replace('.', '_');
        var filters = await PortFiltersAsync(host, chain);
        filters.Should().Contain("drop_mac_", "the port's filters before the flush");
        var repairs = await RepairsAsync(host, "rules");

        await InHostAsync(host, "nft", "flush", "chain", "bridge", "havip", chain);

        await Eventually.GetAsync(() => PortFiltersAsync(host, chain), r => r == filters, Bound, "the flushed chain's rules restored");
        await CountedAsync(host, "rules", repairs);
    }

    [Fact]
    public async Task DetachedPort_IsPluggedBack_TrafficBetweenInstancesResumes()
    {
        var (host, port, _) = await SettledAsync();
        var peer = (await Bed.Api.GetInstanceAsync(Bed.InstanceId("havip-02"), Ct)).Nics.First(n => n.Device == "eth0").IpAddress;
        (await Eventually.GetAsync(() => Bed.ProbeAsync(peer, ProbeTimeout, from: "havip-01"), n => n == "havip-02", Converge, "havip-01 reaches havip-02 before the drift"))
            .Should().Be("havip-02");
        var repairs = await RepairsAsync(host, "port");

        await InHostAsync(host, "ip", "link", "set", port, "nomaster");

        await Eventually.GetAsync(() => Bed.ProbeAsync(peer, ProbeTimeout, from: "havip-01"), n => n == "havip-02", Bound, "havip-01 reaches havip-02's responder again");
        await CountedAsync(host, "port", repairs);
    }

    /// <summary>havip-01's host, its eth0 port, and the ruleset the agent rendered for the current state.</summary>
    private async Task<(string Host, string Port, string Ruleset)> SettledAsync()
    {
        await AvailableAsync((await CreateAsync("havip-01", "havip-02")).Id);
        var host = Bed.HostOf("havip-01");
        return (host, PortNames.HostSide(Bed.InstanceId("havip-01"), "eth0"), await Bed.RulesetAsync(host, handles: false, Ct, setElements: false));
    }

    private async Task<string> RulesetOrNoneAsync(string host)
    {
        var result = await _commands.RunAsync("ip", ["netns", "exec", Bed.Names.Host(host), "nft", "-t", "-s", "list", "table", "bridge", "havip"], ct: Ct);
        return result.Succeeded ? result.Output : $"(no table: {result.Error.Trim()})";
    }

    /// <summary>
    /// A ruleset without the rules that follow the instances' VRRP as the platform observes it (arbitration,
    /// silence): a lab shared with other tests' daemons may change them between the snapshot and the repair
    /// (a fresh-clone CI run saw that); the tables, sets, counters, chains and filters must come back as rendered.
    /// </summary>
    private static string WithoutVrrpRules(string ruleset) =>
        string.Join('\n', ruleset.Split('\n').Where(l => !VrrpSets.Any(set => l.Contains(set, StringComparison.Ordinal))));

    private static readonly string[] VrrpSets = ["@heard", "@speaking", "@armed", "@decision", "@silence"];

    /// <summary>
    /// The port chain's address filters, without its silence rule: whether that rule is there follows the
    /// instances' VRRP as the platform observes it, which a lab shared with other tests' daemons may change
    /// (a fresh-clone CI run saw it appear between the snapshot and the repair); what a flush takes and the
    /// repair must put back are the filters.
    /// </summary>
    private async Task<string> PortFiltersAsync(string host, string chain)
    {
        var result = await _commands.RunAsync("ip", ["netns", "exec", Bed.Names.Host(host), "nft", "-t", "-s", "list", "chain", "bridge", "havip", chain], ct: Ct);
        return result.Succeeded
            ? string.Join('\n', result.Output.Split('\n').Where(l => !l.Contains("drop_silent_", StringComparison.Ordinal)))
            : $"(no chain: {result.Error.Trim()})";
    }

    private Task InHostAsync(string host, params string[] command) =>
        _commands.RunCheckedAsync("ip", ["netns", "exec", Bed.Names.Host(host), .. command], ct: Ct);

    /// <summary>The agent's havip_agent_repairs_total for one kind of drift (0 before the first).</summary>
    private async Task<long> RepairsAsync(string host, string what)
    {
        var metrics = await Bed.AgentMetricsAsync(host, Ct);
        return Repairs().Matches(metrics).Where(m => m.Groups["what"].Value == what)
            .Sum(m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The agent counts a repair once its re-apply returns, a moment after the kernel shows the
    /// restored state the test waited for: the count is awaited, not read once.
    /// </summary>
    private Task CountedAsync(string host, string what, long before) =>
        Eventually.GetAsync(() => RepairsAsync(host, what), n => n > before, Converge, $"the agent counted a repair of {what} (was {before})");

    /// <summary>The server counted the repair the host reported (havip_host_repairs_total) and wrote it in the host's history, after the report's retries.</summary>
    private async Task ServerRecordedAsync(string host, string what)
    {
        await Eventually.GetAsync(async () => await Bed.Api.Http.GetStringAsync("/metrics", Ct),
            m => m.Contains($"havip_host_repairs_total{{host=\"{host}\",what=\"{what}\"}}", StringComparison.Ordinal), Converge, "the server recorded the repair");
        await Eventually.GetAsync(() => Bed.Api.GetHostAsync(host, Ct),
            h => h.Events!.Any(e => e.Kind == "repaired" && e.Message.Contains($"({what}", StringComparison.Ordinal)), Converge, "the host's history shows the repair");
    }

    [GeneratedRegex("""^havip_agent_repairs_total\{what="(?<what>[^"]+)"\} (?<value>\d+)""", RegexOptions.Multiline)]
    private static partial Regex Repairs();
}
