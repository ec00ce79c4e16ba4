using System.Diagnostics.Metrics;
using HaVip.Agent.Links;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Sync;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Agent.Tests.Sync;

/// <summary>One verification against a fake kernel: nothing drifted, nothing runs; drift is re-applied and counted by what.</summary>
public sealed class SelfRepairTests : IDisposable
{
    private readonly FakeKernel _kernel = new();
    private readonly AgentMetrics _metrics = new("HaVip.Agent.Tests.SelfRepair." + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _repairs = new(StringComparer.Ordinal);
    private readonly StateApplier _applier;
    private readonly SelfRepair _repair;

    public SelfRepairTests()
    {
        _applier = new StateApplier(new LinkReconciler(_kernel, "10.255.0.11"), _kernel, _metrics);
        _repair = new SelfRepair(_applier, _metrics, new Reporter(new ServerClient(_http, "hv1"), TimeProvider.System, NullLogger<Reporter>.Instance),
            TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger<SelfRepair>.Instance);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == _metrics.MeterName && instrument.Name == "havip_agent_repairs")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var what = (string)tags[0].Value!;
            _repairs[what] = _repairs.GetValueOrDefault(what) + value;
        });
        _listener.Start();
        _kernel.AddPort(Samples.BoundPort.PortName);
        _kernel.AddPort(Samples.UnboundPort.PortName);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Check_NothingDrifted_ChangesNothing_CountsNothing()
    {
        await _applier.ApplyAsync(Samples.State, CancellationToken.None);
        _kernel.Changes.Clear();

        (await _repair.CheckAsync(CancellationToken.None)).Should().BeEmpty();
        (await _repair.CheckAsync(CancellationToken.None)).Should().BeEmpty("handles and counter values differ between listings");

        _kernel.Changes.Should().BeEmpty();
        _repairs.Should().BeEmpty();
    }

    [Fact]
    public async Task Check_BeforeTheFirstApply_ReadsNothing()
    {
        (await _repair.CheckAsync(CancellationToken.None)).Should().BeEmpty();

        _kernel.Runs.Should().BeEmpty();
    }

    [Fact]
    public async Task Check_TableDeleted_WritesTheRulesetAgain_CountsTable()
    {
        await _applier.ApplyAsync(Samples.State, CancellationToken.None);
        _kernel.HasTable = false;
        _kernel.Changes.Clear();

        (await _repair.CheckAsync(CancellationToken.None)).Should().Equal(KernelDrift.Table);

        _kernel.Changes.Should().Contain("nft -f -");
        _kernel.HasTable.Should().BeTrue();
        _repairs.Should().Equal(new Dictionary<string, long> { [KernelDrift.Table] = 1 });
        (await _repair.CheckAsync(CancellationToken.None)).Should().BeEmpty("the repair holds");
    }

    [Fact]
    public async Task Check_PortDetached_PlugsItBack_CountsPort()
    {
        await _applier.ApplyAsync(Samples.State, CancellationToken.None);
        _kernel.Detach(Samples.BoundPort.PortName);
        _kernel.Changes.Clear();

        (await _repair.CheckAsync(CancellationToken.None)).Should().Equal(KernelDrift.Port);

        _kernel.Changes.Should().Contain($"ip link set {Samples.BoundPort.PortName} master hvbr1000");
        _repairs.Should().Equal(new Dictionary<string, long> { [KernelDrift.Port] = 1 });
    }
}
