using System.Runtime.InteropServices;

namespace HaVip.Linux.Native;

/// <summary>Scheduling and memory-locking calls of libc (sched(7), setpriority(2), mlockall(2)).</summary>
internal static partial class Sched
{
    public const int SchedOther = 0;
    public const int SchedRoundRobin = 2;

    /// <summary>Threads and processes this thread creates start with the default policy, not ours.</summary>
    public const int SchedResetOnFork = 0x40000000;

    public const int PrioProcess = 0;
    public const int MclCurrent = 1;
    public const int MclFuture = 2;

    /// <summary>Lock pages when they are first touched, not when mapped: reserved address space stays unbacked.</summary>
    public const int MclOnFault = 4;

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static partial int SetScheduler(int pid, int policy, in int priority);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    public static partial int GetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    public static partial int SetPriority(int which, uint who, int priority);

    [LibraryImport("libc", EntryPoint = "mlockall", SetLastError = true)]
    public static partial int LockAll(int flags);
}
