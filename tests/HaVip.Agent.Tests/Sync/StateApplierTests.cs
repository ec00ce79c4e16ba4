using HaVip.Agent.Links;
using HaVip.Agent.Metrics;
using HaVip.Agent.Sync;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Agent.Tests.Sync;

public sealed class StateApplierTests : IDisposable
{
    private readonly FakeKernel _kernel = new();
    private readonly FakeTimeProvider _time = new();
    private readonly AgentMetrics _metrics = new();
    private readonly StateApplier _applier;

    public StateApplierTests() => _applier = new StateApplier(new LinkReconciler(_kernel, "10.255.0.11"), _kernel, _metrics, _time);

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task Apply_FreshHost_BuildsBridgeVxlanFloodPortsAndRules()
    {
        _kernel.AddPort(Samples.BoundPort.PortName);
        _kernel.AddPort(Samples.UnboundPort.PortName);

        var outcome = await _applier.ApplyAsync(Samples.State, CancellationToken.None);

        outcome.Complete.Should().BeTrue();
        _kernel.Changes.Should().Contain([
            "ip link add hvbr1000 type bridge",
            "ip link add hvvx1000 type vxlan id 1000 local 10.255.0.11 dstport 4789",
            "ip link set hvvx1000 master hvbr1000",
            "bridge fdb append 00:00:00:00:00:00 dev hvvx1000 dst 10.255.0.12",
            $"ip link set {Samples.BoundPort.PortName} master hvbr1000",
            "nft -f -",
        ]);
    }

    [Fact]
    public async Task Apply_SameStateTwice_SecondChangesNothing()
    {
        _kernel.AddPort(Samples.BoundPort.PortName);
        _kernel.AddPort(Samples.UnboundPort.PortName);
        await _applier.ApplyAsync(Samples.State, CancellationToken.None);
        _kernel.Changes.Clear();

        var outcome = await _applier.ApplyAsync(Samples.State with { Sequence = 43 }, CancellationToken.None);

        outcome.Complete.Should().BeTrue();
        outcome.RulesChanged.Should().BeFalse();
        _kernel.Changes.Should().BeEmpty();
    }

    [Fact]
    public async Task Apply_MissingPort_FailsBoundHaVip_StillWritesRules()
    {
        _kernel.AddPort(Samples.UnboundPort.PortName);

        var outcome = await _applier.ApplyAsync(Samples.State, CancellationToken.None);

        outcome.Errors.Should().ContainKey(Samples.Vip).WhoseValue.Should().Contain($"port {Samples.BoundPort.PortName}").And.Contain("does not exist");
        _kernel.Changes.Should().Contain("nft -f -");
    }

    [Fact]
    public async Task Apply_RemoteHostGone_RemovesItsFloodEntry()
    {
        await _applier.ApplyAsync(Samples.State with { Ports = [] }, CancellationToken.None);
        _kernel.Changes.Clear();
        var subnet = Samples.State.Subnets[0] with { RemoteUnderlayIps = [] };

        await _applier.ApplyAsync(Samples.State with { Ports = [], Subnets = [subnet] }, CancellationToken.None);

        _kernel.Changes.Should().Equal("bridge fdb del 00:00:00:00:00:00 dev hvvx1000 dst 10.255.0.12");
    }

    [Fact]
    public async Task Apply_OnlyBindingsChanged_RunsNftAndItsListingAlone()
    {
        _kernel.AddPort(Samples.BoundPort.PortName);
        _kernel.AddPort(Samples.UnboundPort.PortName);
        await _applier.ApplyAsync(Samples.State, CancellationToken.None);
        _kernel.Runs.Clear();
        var rebound = Samples.State with { Sequence = 43, Ports = [Samples.BoundPort with { AllowedIps = ["10.0.240.14"] }, Samples.UnboundPort] };

        var outcome = await _applier.ApplyAsync(rebound, CancellationToken.None);

        outcome.Complete.Should().BeTrue();
        _kernel.Runs.Should().Equal(["nft -f -", "nft -j list table bridge havip"], "no device is read; the listing is what drift is later compared with");
    }

    [Fact]
    public async Task Apply_SameDevicesAfterRecheckInterval_ReadsDevicesAgain()
    {
        _kernel.AddPort(Samples.BoundPort.PortName);
        _kernel.AddPort(Samples.UnboundPort.PortName);
        await _applier.ApplyAsync(Samples.State, CancellationToken.None);
        _kernel.Runs.Clear();
        _time.Advance(StateApplier.DeviceRecheck);

        await _applier.ApplyAsync(Samples.State with { Sequence = 43 }, CancellationToken.None);

        _kernel.Runs.Should().Contain("ip -j -d link show");
    }

    [Fact]
    public async Task Apply_PortMissing_ReadsDevicesOnEveryRetry_UntilItAppears()
    {
        _kernel.AddPort(Samples.UnboundPort.PortName);
        (await _applier.ApplyAsync(Samples.State, CancellationToken.None)).Complete.Should().BeFalse();
        _kernel.AddPort(Samples.BoundPort.PortName);

        var outcome = await _applier.ApplyAsync(Samples.State, CancellationToken.None);

        outcome.Complete.Should().BeTrue();
        _kernel.Changes.Should().Contain($"ip link set {Samples.BoundPort.PortName} master hvbr1000");
    }
}
