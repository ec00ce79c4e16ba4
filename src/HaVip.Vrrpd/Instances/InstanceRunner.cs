using System.Net;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Scheduling;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// One <see cref="VrrpRouter"/> and what it needs to act: its codec, its OS calls, its counters.
/// Passive: the <see cref="InstanceLoop"/> calls it with events, datagrams and timer ticks, all on
/// the loop's one thread, so the state machine is never touched concurrently.
/// </summary>
internal sealed partial class InstanceRunner : IDisposable, IScheduled
{
    // A master's timers only pace adverts and gratuitous ARPs, so they may run up to 1/64 of the
    // advert interval late (16 ms at 1 s) and share a wake-up with their neighbours; a backup's
    // Master_Down_Timer decides failover time and runs on time.
    private const int MasterSlackDivisor = 64;

    private readonly VrrpRouter _router;
    private readonly AdvertCodec _codec;
    private readonly IInstanceIo _io;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly NotifyRunner _notify;
    private readonly TimeSpan _masterSlack;
    private IPAddress? _master;
    private byte? _masterPriority;
    private TransitionReason? _reason;
    private DateTimeOffset _since;

    // The loop's timer queue keeps its bookkeeping here, not in a table beside the runners.
    private DeadlineSlot _slot;

    // One list of actions for every runner of a thread (the loop's one thread), reused for every
    // tick and event: a list per runner was 88 KB at 1,000 instances. Taken while in use, so a
    // call that re-entered would get a new one.
    [ThreadStatic]
    private static List<VrrpAction>? t_actions;

    public InstanceRunner(InstancePlan plan, IInstanceIo io, NotifyRunner notify, TimeProvider time, ILogger log)
    {
        Plan = plan;
        _io = io;
        _notify = notify;
        _time = time;
        _log = log;
        _router = new VrrpRouter(plan.Options, time);
        _codec = new AdvertCodec(plan.Options);
        _masterSlack = plan.Options.AdvertisementInterval / MasterSlackDivisor;
        _since = time.GetUtcNow();
    }

    public InstancePlan Plan { get; }

    ref DeadlineSlot IScheduled.Slot => ref _slot;

    public InstanceCounters Counters { get; } = new();

    /// <summary>True once <see cref="Stop"/> ran: queued events for it are dropped.</summary>
    public bool IsStopped { get; private set; }

    public DateTimeOffset? NextDeadline => _router.NextDeadline;

    /// <summary>In FAULT (or would be) by its own tracked objects; its sync group's members follow it.</summary>
    public bool IsOwnFaulted => _router.IsOwnFaulted;

    /// <summary>Set for a sync group member: called after each state change, and after a tracked object changed.</summary>
    public Action<InstanceRunner, StateChanged?>? GroupChanged { get; set; }

    /// <summary>How late the next timer may run (see <see cref="MasterSlackDivisor"/>).</summary>
    public TimeSpan Slack => _router.State == VrrpState.Master ? _masterSlack : TimeSpan.Zero;

    /// <summary>RFC 5798 section 6.4.1 Startup, after clearing VIPs a killed daemon may have left.</summary>
    public void Start()
    {
        // A killed daemon leaves its VIPs behind (keepalived too): clear them so a restart
        // as backup does not answer for an address the master now holds.
        Execute([new RemoveVirtualAddresses([.. Plan.Options.VirtualAddresses, .. Plan.Options.ExcludedAddresses])]);
        Execute(_router.Handle(new Start()));
    }

    /// <summary>Leaves gracefully: a master advertises priority 0 and releases its VIPs.</summary>
    public void Stop()
    {
        if (IsStopped)
            return;
        IsStopped = true;
        Execute(_router.Handle(new Shutdown()));
    }

    public void Tick()
    {
        var actions = TakeActions();
        try
        {
            _router.Tick(actions);
            Execute(actions);
        }
        finally
        {
            GiveBack(actions);
        }
    }

    public void Handle(VrrpEvent e)
    {
        var actions = TakeActions();
        try
        {
            _router.Handle(e, actions);
            Execute(actions);
            if (e is AdvertReceived a && _router.State == VrrpState.Backup && !Discarded(actions))
                (_master, _masterPriority) = (a.Source, a.Priority);
        }
        finally
        {
            GiveBack(actions);
        }

        // Only our own objects: the group's verdict coming back must not start another round.
        if (e is TrackChanged { Kind: not TrackKind.SyncGroup })
            GroupChanged?.Invoke(this, null);
    }

    private static List<VrrpAction> TakeActions()
    {
        var actions = t_actions ?? [];
        t_actions = null;
        return actions;
    }

    private static void GiveBack(List<VrrpAction> actions)
    {
        actions.Clear();
        t_actions = actions;
    }

    private static bool Discarded(IReadOnlyList<VrrpAction> actions)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is AdvertDiscarded)
                return true;
        }

        return false;
    }

    public void Dispose() => _io.Dispose();
}
