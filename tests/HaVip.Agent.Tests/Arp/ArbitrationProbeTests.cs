using System.Net;
using HaVip.Agent.Arp;

namespace HaVip.Agent.Tests.Arp;

/// <summary>The holder path's view of the drop rule, over nft 1.0.6's JSON listings of the two sets.</summary>
public sealed class ArbitrationProbeTests
{
    private const string Port = "tbound001eth0";

    private static string Armed(params string[] vips) =>
        Set("armed", vips.Select(v => "{\"elem\": {\"val\": \"" + v + "\", \"timeout\": 2, \"expires\": 1}}"));

    private static string Decision(params (string Vip, string Port)[] keys) =>
        Set("decision", keys.Select(k => "{\"elem\": {\"val\": {\"concat\": [\"" + k.Vip + "\", \"" + k.Port + "\"]}, \"timeout\": 3, \"expires\": 2}}"));

    private static string Set(string name, IEnumerable<string> elems)
    {
        var list = string.Join(", ", elems);
        var elem = list.Length == 0 ? "" : ", \"elem\": [" + list + "]";
        return "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}, {\"set\": {\"family\": \"bridge\", \"name\": \"" + name + "\", \"table\": \"havip\", \"handle\": 4" + elem + "}}]}";
    }

    [Fact]
    public void Dropped_DecidedAndArmed_True_EitherMissing_False()
    {
        ArbitrationProbe.Dropped(Armed("10.0.240.204"), Decision(("10.0.240.204", Port)), "10.0.240.204", Port).Should().BeTrue();
        ArbitrationProbe.Dropped(Armed(), Decision(("10.0.240.204", Port)), "10.0.240.204", Port).Should().BeFalse("the chosen stopped advertising: the claim passes");
        ArbitrationProbe.Dropped(Armed("10.0.240.204"), Decision(), "10.0.240.204", Port).Should().BeFalse("the decision lapsed: the claim passes");
        ArbitrationProbe.Dropped(Armed("10.0.240.204"), Decision(("10.0.240.204", "tother002eth0")), "10.0.240.204", Port).Should().BeFalse();
    }

    /// <summary>
    /// A loser answering a client that resolves every 20 ms makes a claim every 20 ms: one pair of
    /// `nft` runs per claim stalled a lab agent's thread pool in process starts for good (its sync
    /// loop and decision refresh with it), so claims share a listing.
    /// </summary>
    [Fact]
    public async Task DroppedAsync_ClaimsInABurst_ShareOneListing_ALaterClaimListsAgain()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var kernel = new HeldKernel(Armed("10.0.240.204"), Decision(("10.0.240.204", Port)));
        var probe = new ArbitrationProbe(kernel, time);

        var burst = Enumerable.Range(0, 20).Select(_ => probe.DroppedAsync("10.0.240.204", Port, TestContext.Current.CancellationToken)).ToArray();
        kernel.Release();

        (await Task.WhenAll(burst)).Should().AllSatisfy(d => d.Should().BeTrue());
        kernel.Runs.Should().Be(2, "one listing of each set answers the whole burst");
        time.Advance(ArbitrationProbe.Shared + TimeSpan.FromMilliseconds(1));
        (await probe.DroppedAsync("10.0.240.204", Port, TestContext.Current.CancellationToken)).Should().BeTrue();
        kernel.Runs.Should().Be(4, "a listing older than the shared age answers no new claim");
    }

    /// <summary>Lists the two sets, each run held until <see cref="Release"/>.</summary>
    private sealed class HeldKernel(string armed, string decision) : HaVip.Linux.Commands.CommandRunner
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public int Runs => _runs;

        public void Release() => _released.TrySetResult();

        public override async Task<HaVip.Linux.Commands.CommandResult> RunAsync(string file, IReadOnlyList<string> arguments, string? input = null, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _runs);
            await _released.Task;
            return new HaVip.Linux.Commands.CommandResult(file, 0, arguments[^1] == "armed" ? armed : decision, "");
        }
    }

    [Fact]
    public void ClaimTable_DecidedAgainst_OnlyTheLosersPortAndVip()
    {
        var table = ClaimTable.From(Samples.Decided());

        table.DecidedAgainst(Samples.BoundPort.PortName, IPAddress.Parse("10.0.240.204")).Should().BeTrue();
        table.DecidedAgainst(Samples.UnboundPort.PortName, IPAddress.Parse("10.0.240.204")).Should().BeFalse();
        ClaimTable.From(Samples.State).DecidedAgainst(Samples.BoundPort.PortName, IPAddress.Parse("10.0.240.204")).Should().BeFalse();
    }
}
