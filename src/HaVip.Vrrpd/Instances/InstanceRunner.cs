using System.Net;
using System.Threading.Channels;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// Drives one <see cref="VrrpRouter"/>: a single loop feeds it events (adverts, tracking) and
/// timer ticks and carries out its actions, so the state machine is never touched concurrently.
/// </summary>
internal sealed partial class InstanceRunner : IDisposable
{
    private readonly Channel<VrrpEvent> _events = Channel.CreateUnbounded<VrrpEvent>(new() { SingleReader = true });
    private readonly VrrpRouter _router;
    private readonly AdvertCodec _codec;
    private readonly IInstanceIo _io;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly NotifyRunner _notify;
    private volatile InstanceStatus _status;
    private volatile SemaphoreSlim? _wake;
    private IPAddress? _master;
    private byte? _masterPriority;
    private TransitionReason? _reason;
    private DateTimeOffset _since;

    public InstanceRunner(InstancePlan plan, IInstanceIo io, NotifyRunner notify, TimeProvider time, ILogger log)
    {
        Plan = plan;
        _io = io;
        _notify = notify;
        _time = time;
        _log = log;
        _router = new VrrpRouter(plan.Options, time);
        _codec = new AdvertCodec(plan.Options);
        _since = time.GetUtcNow();
        _status = Snapshot();
    }

    public InstancePlan Plan { get; }

    public InstanceCounters Counters { get; } = new();

    /// <summary>
    /// Router fields as of the loop's last pass (the router is not thread-safe); counters live,
    /// so drops show up even while the loop sleeps until its next timer.
    /// </summary>
    public InstanceStatus Status => _status with
    {
        AdvertsIn = Counters.AdvertsIn,
        AdvertsOut = Counters.AdvertsOut,
        GratuitousArpsOut = Counters.GarpsOut,
        Drops = new SortedDictionary<string, long>(Counters.Drops, StringComparer.Ordinal),
    };

    /// <summary>Queues an event (tracking change) from any thread.</summary>
    public void Post(VrrpEvent e)
    {
        _events.Writer.TryWrite(e);
        try
        {
            _wake?.Release();
        }
        catch (ObjectDisposedException)
        {
            // The loop has ended; the event is moot.
        }
    }

    /// <summary>Runs until <paramref name="stop"/>, then leaves gracefully (priority 0 advert, VIPs removed).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var receiveStop = new CancellationTokenSource();
        var receive = Task.Run(() => ReceiveLoopAsync(receiveStop.Token), CancellationToken.None);
        try
        {
            // A killed daemon leaves its VIPs behind (keepalived too): clear them so a restart
            // as backup does not answer for an address the master now holds.
            Execute([new RemoveVirtualAddresses(Plan.Options.VirtualAddresses)]);
            Execute(_router.Handle(new Start()));
            await LoopAsync(stop).ConfigureAwait(false);
        }
        finally
        {
            Execute(_router.Handle(new Shutdown()));
            await receiveStop.CancelAsync().ConfigureAwait(false);
            await receive.ConfigureAwait(false);
        }
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        // One timer and one semaphore for the instance's life: with 1,000 instances a wake-up
        // must not allocate timers and token sources each time. The timer runs on the injected
        // clock, so tests can drive the loop with a fake one.
        using var wake = new SemaphoreSlim(0);
        using var timer = _time.CreateTimer(_ => wake.Release(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _wake = wake;
        while (!stop.IsCancellationRequested)
        {
            Execute(_router.Tick());
            while (_events.Reader.TryRead(out var e))
                Handle(e);
            _status = Snapshot();
            timer.Change(_router.NextDeadline is { } due ? Max(due - _time.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            try
            {
                await wake.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the loop condition ends it.
            }
        }

        _wake = null;
    }

    private void Handle(VrrpEvent e)
    {
        var actions = _router.Handle(e);
        Execute(actions);
        if (e is AdvertReceived a && _router.State == VrrpState.Backup && !actions.OfType<AdvertDiscarded>().Any())
            (_master, _masterPriority) = (a.Source, a.Priority);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public void Dispose() => _io.Dispose();
}
