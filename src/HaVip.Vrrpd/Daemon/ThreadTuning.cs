using HaVip.Linux.Scheduling;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Daemon;

/// <summary>
/// keepalived's process knobs applied to havipd: <c>vrrp_no_swap</c> to the process,
/// <c>vrrp_priority</c> and <c>vrrp_rt_priority</c> to the threads that keep VRRP's time (the
/// instance loop and each interface's receive thread), not to the thread pool or scripts.
/// Read at start; a reload does not change them (as in keepalived, whose VRRP child keeps them).
/// </summary>
internal sealed class ThreadTuning(GlobalDefs global, ILogger log)
{
    public void Process()
    {
        if (global.NoSwap && ProcessTuning.LockMemory() is { } error)
            Log.Problem(log, $"vrrp_no_swap: {error}");
    }

    /// <summary>Runs on the thread to tune; true when every requested setting took effect.</summary>
    public bool CurrentThread()
    {
        var niceError = global.NicePriority is { } nice ? ProcessTuning.SetNice(nice) : null;
        if (niceError is not null)
            Log.Problem(log, $"vrrp_priority {global.NicePriority}: {niceError}");
        var rtError = global.RealtimePriority is { } rt ? ProcessTuning.MakeCurrentThreadRealtime(rt) : null;
        if (rtError is not null)
            Log.Problem(log, $"vrrp_rt_priority {global.RealtimePriority}: {rtError}");
        return niceError is null && rtError is null;
    }
}
