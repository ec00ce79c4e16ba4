using HaVip.Vrrpd.Logging;

namespace HaVip.Vrrpd.Instances;

internal sealed partial class InstanceLoop
{
    private void Run()
    {
        // The system clock is waited on directly: a TimeProvider timer would add a timer-thread
        // wake-up and a hand-off per deadline. Any other provider (a fake clock in tests) drives
        // the loop through its own timer.
        using var timer = _time == TimeProvider.System ? null : _time.CreateTimer(_ => _signal.Set(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        while (!_stopping)
        {
            _signal.Reset();
            Drain();
            RunDue();
            CompletePass();
            var wait = Until(_timers.NextWake);
            if (timer is null)
            {
                _signal.Wait(wait);
            }
            else
            {
                timer.Change(wait, Timeout.InfiniteTimeSpan);
                _signal.Wait();
            }
        }
    }

    private void CompletePass()
    {
        foreach (var done in _afterPass)
            done.SetResult();
        _afterPass.Clear();
    }

    private void Drain()
    {
        while (_inbound.TryDequeue(out var w))
        {
            if (w.Call is not null)
            {
                w.Call();
            }
            else if (w.Buffer is not null)
            {
                Dispatch(w.Device!, w.Buffer, w.Length);
            }
            else if (w.Runner is { } runner && !runner.IsStopped)
            {
                Guarded(runner, w.Event!, static (r, e) => r.Handle(e));
            }
        }
    }

    private void Dispatch(string device, byte[] buffer, int length)
    {
        try
        {
            var datagram = buffer.AsSpan(0, length);
            var runners = _demux.Route(device, datagram);
            for (var i = 0; i < runners.Count; i++)
            {
                try
                {
                    runners[i].Receive(datagram);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Log.InstanceFailed(_log, runners[i].Plan.Name, ex);
                }

                Reschedule(runners[i]);
            }
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    private void RunDue()
    {
        _due.Clear();
        var now = _time.GetUtcNow();
        if (_timers.TakeDue(now, _due) is { } earliest)
            Clock.Ran(earliest, now);
        Clock.CheckGc();
        foreach (var runner in _due)
            Guarded(runner, 0, static (r, _) => r.Tick());
    }

    /// <summary>
    /// One instance's step, then its next deadline. A bug in one instance must not end the
    /// thread every instance runs on, nor leave the instance without a timer.
    /// </summary>
    private void Guarded<TState>(InstanceRunner runner, TState state, Action<InstanceRunner, TState> step)
    {
        try
        {
            step(runner, state);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.InstanceFailed(_log, runner.Plan.Name, ex);
        }

        Reschedule(runner);
    }

    /// <summary>Rounded up to whole milliseconds: the wait has that resolution, and waking early would spin.</summary>
    private TimeSpan Until(DateTimeOffset? wake)
    {
        if (wake is not { } w)
            return Timeout.InfiniteTimeSpan;
        var ticks = (w - _time.GetUtcNow()).Ticks;
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds((ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
    }
}
