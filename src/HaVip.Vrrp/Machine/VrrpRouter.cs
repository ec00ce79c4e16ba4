using System.Net;

namespace HaVip.Vrrp.Machine;

/// <summary>
/// One VRRP virtual router (RFC 5798 section 6, with keepalived's FAULT state and tracking): events
/// in, actions out. It holds no socket and reads time only from the injected
/// <see cref="TimeProvider"/>; the caller waits until <see cref="NextDeadline"/> (or an event) and
/// then calls <see cref="Tick"/>. Not thread-safe: one caller drives it.
/// </summary>
public sealed partial class VrrpRouter
{
    private readonly VrrpRouterOptions _options;
    private readonly TimeProvider _time;
    private readonly TrackSet _tracks;
    private readonly IPAddress[] _vipAddresses;

    // virtual_ipaddress then virtual_ipaddress_excluded: what a master holds.
    private readonly IReadOnlyList<Config.VirtualAddress> _ownedAddresses;

    // Whether a backup hears a master now (an accepted advert since it became backup or the master left).
    private bool _masterHeard;

    // Where actions go: the caller's list while Handle or Tick runs (Emit is only called from
    // them). No list of its own: 1,000 instances each holding an empty one was 88 KB for nothing.
    private List<VrrpAction>? _out;
    private SendAdvert? _lastAdvert;

    // RFC 5798 section 6.2 timers, plus keepalived's gratuitous ARP timers, as UTC ticks;
    // NotRunning = not running. Ticks, not DateTimeOffset?: 8 bytes each instead of 24, which a
    // daemon of 1,000 routers holds 7,000 times (docs/benchmarks.md).
    private const long NotRunning = long.MaxValue;
    private long _adverTimer = NotRunning;
    private long _masterDownTimer = NotRunning;
    private long _garpDelayTimer = NotRunning;
    private long _garpRefreshTimer = NotRunning;
    private long _lowerPriorityGarpTimer = NotRunning;
    private long _reannounceTimer = NotRunning;

    // keepalived preempt_delay: until this moment a backup still accepts a lower priority master.
    private long _preemptDeadline = NotRunning;

    public VrrpRouter(VrrpRouterOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _tracks = new TrackSet(options.Tracked);
        _vipAddresses = options.VirtualAddresses.Select(a => a.Address).ToArray();
        _ownedAddresses = options.ExcludedAddresses.Count == 0 ? options.VirtualAddresses : options.VirtualAddresses.Concat(options.ExcludedAddresses).ToArray();
        MasterAdverInterval = options.AdvertisementInterval;
    }

    public VrrpState State { get; private set; } = VrrpState.Initialize;

    /// <summary>Configured priority adjusted by tracking weights: the Priority of RFC 5798 section 6.1.</summary>
    public byte Priority => _tracks.EffectivePriority(_options.Priority);

    /// <summary>In FAULT (or would be) because of its own tracked objects, not its sync group's.</summary>
    public bool IsOwnFaulted => _tracks.IsOwnFaulted;

    /// <summary>RFC 5798 section 6.1: learned from the master's adverts (v3); v2 uses our own interval.</summary>
    public TimeSpan MasterAdverInterval { get; private set; }

    public TimeSpan SkewTime => VrrpTimers.SkewTime(_options.Version, Priority, MasterAdverInterval);

    public TimeSpan MasterDownInterval => VrrpTimers.MasterDownInterval(_options.Version, Priority, MasterAdverInterval);

    /// <summary>When <see cref="Tick"/> next has work; null when no timer runs.</summary>
    public DateTimeOffset? NextDeadline => NextTimer is var t and not NotRunning ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    // Without an array and LINQ: a daemon running many instances asks this after every advert.
    private long NextTimer =>
        Math.Min(Math.Min(Math.Min(_adverTimer, _masterDownTimer), Math.Min(_garpDelayTimer, _garpRefreshTimer)), Math.Min(_lowerPriorityGarpTimer, _reannounceTimer));

    private long Now => _time.GetUtcNow().UtcTicks;

    public IReadOnlyList<VrrpAction> Handle(VrrpEvent e)
    {
        var actions = new List<VrrpAction>();
        Handle(e, actions);
        return Returned(actions);
    }

    /// <summary>
    /// <see cref="Handle(VrrpEvent)"/> appending the actions to <paramref name="actions"/>: a
    /// daemon running many instances reuses one list instead of allocating one per event.
    /// </summary>
    public void Handle(VrrpEvent e, List<VrrpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(e);
        _out = actions;
        try
        {
            Dispatch(e);
        }
        finally
        {
            _out = null;
        }
    }

    private void Dispatch(VrrpEvent e)
    {
        switch (e)
        {
            case Start: OnStart(); break;
            case Shutdown: OnShutdown(); break;
            case AdvertReceived advert: OnAdvert(advert); break;
            case TrackChanged track: OnTrackChanged(track); break;
            case TrackFileRead file: OnTrackFileRead(file); break;
            case SyncGroupTransition sync: OnSyncGroup(sync); break;
            default: throw new ArgumentException($"unknown event {e.GetType().Name}", nameof(e));
        }
    }

    /// <summary>Runs every timer that is due at the provider's current time.</summary>
    public IReadOnlyList<VrrpAction> Tick()
    {
        var actions = new List<VrrpAction>();
        Tick(actions);
        return Returned(actions);
    }

    /// <summary><see cref="Tick()"/> appending the actions to <paramref name="actions"/> (see <see cref="Handle(VrrpEvent, List{VrrpAction})"/>).</summary>
    public void Tick(List<VrrpAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        _out = actions;
        try
        {
            RunDueTimers();
        }
        finally
        {
            _out = null;
        }
    }

    private void RunDueTimers()
    {
        while (NextTimer is var due and not NotRunning && due <= Now)
            RunTimer(due);
    }

    private static IReadOnlyList<VrrpAction> Returned(List<VrrpAction> actions) => actions.Count == 0 ? [] : actions;

    private void Emit(VrrpAction action) => _out!.Add(action);

    private void SendAdvert(byte priority)
    {
        // Records are immutable: the advert of an unchanged priority is the same action every interval.
        if (_lastAdvert?.Priority != priority)
            _lastAdvert = new SendAdvert(priority, _options.AdvertisementInterval, _options.UnicastPeers);
        Emit(_lastAdvert);
    }

    private void SendGarp(int count, GarpReason reason)
    {
        if (count > 0 && _vipAddresses.Length > 0)
            Emit(new SendGratuitousArp(_vipAddresses, count, _options.Garp.Interval, reason));
    }

    private long After(TimeSpan delay) => delay > TimeSpan.Zero ? Now + delay.Ticks : NotRunning;
}
