using System.Runtime.InteropServices;
using HaVip.Linux.Native;

namespace HaVip.Linux.Scheduling;

/// <summary>
/// keepalived's process knobs: real-time scheduling of the threads that keep VRRP's time
/// (<c>vrrp_rt_priority</c>), nice (<c>vrrp_priority</c>), locked memory (<c>vrrp_no_swap</c>).
/// Each returns null on success or the error to log; none is fatal, as in keepalived.
/// </summary>
public static class ProcessTuning
{
    /// <summary>
    /// Makes the calling thread SCHED_RR at <paramref name="priority"/> (1-99). Threads and
    /// processes it creates later (thread-pool workers, notify scripts) start as normal ones:
    /// a script must never run real-time, and only the threads that call this need to.
    /// </summary>
    public static string? MakeCurrentThreadRealtime(int priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 99);
        return Sched.SetScheduler(0, Sched.SchedRoundRobin | Sched.SchedResetOnFork, priority) == 0 ? null : Error("sched_setscheduler(SCHED_RR)");
    }

    /// <summary>True when the calling thread runs SCHED_RR.</summary>
    public static bool IsCurrentThreadRealtime() => (Sched.GetScheduler(0) & ~Sched.SchedResetOnFork) == Sched.SchedRoundRobin;

    /// <summary>Nice value of the calling thread (on Linux setpriority(PRIO_PROCESS, 0) is per thread); call it first, threads inherit it.</summary>
    public static string? SetNice(int nice) =>
        Sched.SetPriority(Sched.PrioProcess, 0, nice) == 0 ? null : Error("setpriority");

    /// <summary>
    /// Locks every page the process uses now and later, each when first touched (MCL_ONFAULT), so
    /// the runtime's reserved but unused address space does not become resident.
    /// </summary>
    public static string? LockMemory() =>
        Sched.LockAll(Sched.MclCurrent | Sched.MclFuture | Sched.MclOnFault) == 0 ? null : Error("mlockall");

    private static string Error(string call) => $"{call}: {Marshal.GetLastPInvokeErrorMessage()}";
}
