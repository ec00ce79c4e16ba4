using System.Collections.Concurrent;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// One thread drives every instance: it takes queued work (datagrams, tracking events, adds and
/// removals), runs the timers that are due, and sleeps until the next one. With 1,000 instances
/// that is one wake-up per due batch, instead of a timer, a task and a thread-pool hop per
/// instance per advert. State machines are only ever touched on this thread.
/// </summary>
internal sealed partial class InstanceLoop : IDisposable
{
    private readonly ConcurrentQueue<Work> _inbound = new();

    // No spinning before blocking: the loop mostly sleeps until a known deadline, so a spin would
    // only burn CPU on every wait.
    private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);
    private readonly DeadlineQueue<InstanceRunner> _timers = new();
    private readonly AdvertDemux<InstanceRunner> _demux = new();
    private readonly List<InstanceRunner> _due = [];
    private readonly List<TaskCompletionSource> _afterPass = [];
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <summary>One queued item: a datagram (Device + Buffer), an event for one runner, or a call.</summary>
    private readonly record struct Work(InstanceRunner? Runner, VrrpEvent? Event, string? Device, byte[]? Buffer, int Length, Action? Call);

    public InstanceLoop(TimeProvider time, ILogger? log = null)
    {
        _time = time;
        Buffers = new DatagramBuffers(MaxDatagram);
        _log = log ?? NullLogger.Instance;
        _thread = new Thread(Run) { IsBackground = true, Name = "havipd instances" };
        _thread.Start();
    }

    /// <summary>Length of a received datagram's buffer: an advert is at most a few hundred bytes.</summary>
    public const int MaxDatagram = 2048;

    /// <summary>Where a datagram's buffer comes from (<see cref="PostDatagram"/>) and, once handled, goes back to.</summary>
    public DatagramBuffers Buffers { get; }

    /// <summary>Timer lateness and GC pauses as the loop saw them.</summary>
    public LoopClock Clock { get; } = new();

    /// <summary>Queues an event for one instance, from any thread.</summary>
    public void Post(InstanceRunner runner, VrrpEvent e) => Enqueue(new Work(runner, e, null, null, 0, null));

    /// <summary>
    /// Queues a datagram received on <paramref name="device"/>; <paramref name="buffer"/> comes
    /// from <see cref="Buffers"/> (or anywhere: one of another length is left to the collector) and goes back there once handled.
    /// </summary>
    public void PostDatagram(string device, byte[] buffer, int length) => Enqueue(new Work(null, null, device, buffer, length, null));

    /// <summary>Runs <paramref name="call"/> on the loop thread and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<T> call)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new Work(null, null, null, null, 0, () =>
        {
            try
            {
                done.SetResult(call());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }));
        return done.Task;
    }

    /// <summary>
    /// Completes once a pass of the loop that starts after this call has run every timer due by
    /// then: a test that moves a virtual clock waits for this, not for a number of round trips
    /// (two calls queued back to back can be taken in one pass, before its timers run).
    /// </summary>
    public Task PassAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new Work(null, null, null, null, 0, () => _afterPass.Add(done)));
        return done.Task;
    }

    /// <summary>When the loop wakes next at the latest (its earliest deadline plus that timer's slack); call on the loop thread.</summary>
    public DateTimeOffset? NextWake => _timers.NextWake;

    /// <summary>Starts an instance: tracking state first (so Start already sees a failed track), then the Startup event.</summary>
    public Task AddAsync(InstanceRunner runner, IReadOnlyList<VrrpEvent> initial) => InvokeAsync(() =>
    {
        _demux.Add(runner.Plan.ReceiveInterface, runner.Plan.Options.PrimaryAddress.AddressFamily, runner.Plan.Options.VirtualRouterId, runner);
        foreach (var t in initial)
            runner.Handle(t);
        runner.Start();
        Reschedule(runner);
        return true;
    });

    /// <summary>Leaves gracefully (priority 0 advert, VIPs removed), then releases the instance's sockets.</summary>
    public Task RemoveAsync(InstanceRunner runner) => InvokeAsync(() =>
    {
        _demux.Remove(runner.Plan.ReceiveInterface, runner.Plan.Options.PrimaryAddress.AddressFamily, runner.Plan.Options.VirtualRouterId, runner);
        _timers.Remove(runner);
        try
        {
            runner.Stop();
        }
        finally
        {
            runner.Dispose();
        }

        return true;
    });

    private void Enqueue(Work work)
    {
        _inbound.Enqueue(work);
        _signal.Set();
    }

    private void Reschedule(InstanceRunner runner) => _timers.Set(runner, runner.NextDeadline, runner.Slack);

    public void Dispose()
    {
        _stopping = true;
        _signal.Set();
        _thread.Join();
        _signal.Dispose();
        while (_inbound.TryDequeue(out var w))
        {
            if (w.Buffer is not null)
                Buffers.Return(w.Buffer);
        }
    }
}
