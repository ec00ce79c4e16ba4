using System.Buffers;
using HaVip.Vrrpd.Instances;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Vrrpd.Tests.Instances;

/// <summary>One runner on its own <see cref="InstanceLoop"/> with a fake OS, read and fed as the daemon does.</summary>
internal sealed class LoopHarness : IDisposable
{
    private readonly InstanceLoop _loop = new(TimeProvider.System);
    private readonly InstanceRunner _runner;

    public LoopHarness(InstancePlan plan)
    {
        _runner = new InstanceRunner(plan, Io, new NotifyRunner(NullLogger.Instance), TimeProvider.System, NullLogger.Instance);
    }

    public FakeInstanceIo Io { get; } = new();

    /// <summary>Read on the loop thread, as the control socket reads it.</summary>
    public InstanceStatus Status => _loop.InvokeAsync(() => _runner.Status).GetAwaiter().GetResult();

    /// <summary>Bytes the loop thread allocated filling <paramref name="row"/>, as a scrape fills it.</summary>
    public long FillAllocating(InstanceStatus row) => _loop.InvokeAsync(() =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        _runner.Fill(row);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }).GetAwaiter().GetResult();

    /// <summary>Bytes the loop thread allocated receiving <paramref name="datagram"/> (decoding and the state machine's step).</summary>
    public long ReceiveAllocating(byte[] datagram) => _loop.InvokeAsync(() =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        _runner.Receive(datagram);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }).GetAwaiter().GetResult();

    public Task StartAsync() => _loop.AddAsync(_runner, []);

    public Task StopAsync() => _loop.RemoveAsync(_runner);

    /// <summary>A datagram as the receive loop of the runner's interface posts it.</summary>
    public void Deliver(byte[] datagram)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
        datagram.CopyTo(buffer, 0);
        _loop.PostDatagram(_runner.Plan.Interface, buffer, datagram.Length);
    }

    public void Dispose() => _loop.Dispose();
}
