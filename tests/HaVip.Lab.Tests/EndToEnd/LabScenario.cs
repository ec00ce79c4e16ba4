using HaVip.Contracts.Api;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// What every end-to-end scenario shares: the lab, helpers to create HAVIPs and wait for the
/// network to converge, and cleanup of the keepalived daemons, links and HAVIPs it touched.
/// </summary>
public abstract partial class LabScenario(LabFixture lab) : IAsyncLifetime
{
    protected static readonly TimeSpan Converge = TimeSpan.FromSeconds(20);
    protected static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(700);
    private readonly List<string> _vrrp = [];

    protected List<string> Vips { get; } = [];

    protected TestBed Bed => lab.Bed;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _vrrp)
        {
            await Bed.StopVrrpAsync(instance);
            await Bed.RestoreLinkAsync(instance);
            await Bed.RestoreLinkAsync(instance, "eth1");
        }
        foreach (var vip in Vips)
        {
            using var _ = await Bed.Api.Http.DeleteAsync($"/v1/havips/{vip}", CancellationToken.None);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// keepalived's own check (<c>keepalived --config-test</c>, which also wants the interfaces to
    /// exist) passes the configuration the server generates, inside the instance.
    /// </summary>
    protected async Task KeepalivedAcceptsConfigAsync(string vipId, string instance)
    {
        var file = Path.Combine(Path.GetTempPath(), $"havip-check-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, await Bed.Api.KeepalivedAsync(vipId, Bed.InstanceId(instance), Ct), Ct);
        try
        {
            var check = await new CommandRunner().RunAsync("ip", ["netns", "exec", Bed.Names.Vm(instance), "keepalived", "--config-test", "--use-file", file], ct: Ct);
            (check.Output + check.Error).Trim().Should().BeEmpty("keepalived names every line it rejects");
            check.ExitCode.Should().Be(0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    protected async Task<HaVipDto> CreateAsync(string first, string second, string? firstId = null, NetworkType type = NetworkType.Internal)
    {
        var subnet = (await Bed.SubnetsAsync(Ct)).First(s => s.Type == type);
        var vip = await Bed.Api.CreateHaVipAsync(new CreateHaVipRequest("e2e", type, subnet.Id,
            InstanceIds: [firstId ?? Bed.InstanceId(first), Bed.InstanceId(second)]), Ct);
        Vips.Add(vip.Id);
        return vip;
    }

    protected Task<HaVipDto> AvailableAsync(string id) =>
        Eventually.GetAsync(() => Bed.Api.GetHaVipAsync(id, Ct), v => v.Status == HaVipState.Available, Converge, "available");

    protected Task<HaVipDto> MasterAsync(string id, Func<string?, bool> done) =>
        Eventually.GetAsync(() => Bed.Api.GetHaVipAsync(id, Ct), v => done(v.MasterInstanceId), Converge, "master");

    /// <summary>
    /// How many desired states the host's agent process has applied (its <c>havip_agent_applies</c>
    /// counter, result ok); -1 while its metrics endpoint does not answer (a restarting agent).
    /// A new process starts from 0, so a count above an earlier one proves a (re)connected agent.
    /// </summary>
    protected async Task<long> AgentAppliesAsync(string host)
    {
        try
        {
            var metrics = await Bed.AgentMetricsAsync(host, Ct);
            return AppliedOk().Match(metrics) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return -1;
        }
    }

    /// <summary>The generated keepalived.conf's <c>unicast_src_ip</c> line; group 1 is the address.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"unicast_src_ip (\S+)")]
    protected static partial System.Text.RegularExpressions.Regex SourceLine();

    /// <summary>The generated keepalived.conf's <c>priority</c> line.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"priority \d+")]
    protected static partial System.Text.RegularExpressions.Regex PriorityLine();

    /// <summary>The generated keepalived.conf's <c>unicast_peer</c> block.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"unicast_peer \{[^}]*\}")]
    protected static partial System.Text.RegularExpressions.Regex PeerBlock();

    [System.Text.RegularExpressions.GeneratedRegex("""^havip_agent_applies_total\{[^}]*result="ok"[^}]*\} (\d+)""", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex AppliedOk();

    protected Task StartVrrpAsync(HaVipDto vip, params string[] instances) => StartVrrpAsync(vip, havipd: false, instances);

    /// <summary>Starts VRRP in the instances with the server's configuration: keepalived, or havipd.</summary>
    protected async Task StartVrrpAsync(HaVipDto vip, bool havipd, params string[] instances)
    {
        foreach (var instance in instances)
        {
            await Bed.StartVrrpAsync(instance, vip.Id, ct: Ct, havipd: havipd);
            _vrrp.Add(instance);
        }
    }

    /// <summary>
    /// The client's answers to <paramref name="resolutions"/> probes, each after forgetting its ARP
    /// entries: with two instances answering ARP each is a race either wins about half the time,
    /// so ten answers from one instance pass by luck 0.5^10 ≈ 0.1 % of runs.
    /// </summary>
    protected async Task<List<string?>> FreshResolutionsAsync(HaVipDto vip, int resolutions = 10)
    {
        var answers = new List<string?>();
        for (var i = 0; i < resolutions; i++)
        {
            await Bed.FlushNeighboursAsync(LabSpec.ClientName, Ct);
            answers.Add(await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout));
        }
        return answers;
    }

    protected void TrackVrrp(string instance) => _vrrp.Add(instance);

    /// <summary>A pair bound, available, VRRP (keepalived, or havipd) running and a master elected: the start of most scenarios.</summary>
    protected async Task<(HaVipDto Vip, string Master, string Backup)> RunningPairAsync(NetworkType type = NetworkType.Internal, bool havipd = false)
    {
        var vip = await AvailableAsync((await CreateAsync("havip-01", "havip-02", type: type)).Id);
        await StartVrrpAsync(vip, havipd, "havip-01", "havip-02");
        var master = Bed.NameOf((await SettledMasterAsync(vip.Id)).MasterInstanceId!);
        return (vip, master, master == "havip-01" ? "havip-02" : "havip-01");
    }

    /// <summary>
    /// The master once the election settled. Two instances starting together can both take over
    /// for a moment; the loser steps down, but keepalived announces the winner again only with
    /// its second gratuitous ARP burst, 5 s later, so the first holder the hosts report may be
    /// the loser. Settled means unchanged for longer than that.
    /// </summary>
    protected async Task<HaVipDto> SettledMasterAsync(string haVipId)
    {
        var stableFor = TimeSpan.FromSeconds(6);
        var current = await MasterAsync(haVipId, m => m is not null);
        var since = System.Diagnostics.Stopwatch.StartNew();
        var total = System.Diagnostics.Stopwatch.StartNew();
        while (since.Elapsed < stableFor)
        {
            if (total.Elapsed > TimeSpan.FromSeconds(40))
            {
                throw new TimeoutException($"the master of {haVipId} did not settle for {stableFor.TotalSeconds} s within 40 s (last: {current.MasterInstanceId})");
            }
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            var again = await MasterAsync(haVipId, m => m is not null);
            if (again.MasterInstanceId != current.MasterInstanceId)
            {
                since.Restart();
            }
            current = again;
        }
        return current;
    }
}
