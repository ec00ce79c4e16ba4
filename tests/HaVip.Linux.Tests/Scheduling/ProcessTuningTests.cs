using HaVip.Linux.Scheduling;

namespace HaVip.Linux.Tests.Scheduling;

/// <summary>Real system calls (root, as havipd runs): on fresh threads, so the test host's threads keep their policy.</summary>
public sealed class ProcessTuningTests
{
    [Fact]
    public void MakeCurrentThreadRealtime_Thread_RunsRoundRobinAndItsChildThreadsDoNot()
    {
        var (error, realtime, childRealtime) = OnThread(() =>
        {
            var e = ProcessTuning.MakeCurrentThreadRealtime(1);
            var child = OnThread(ProcessTuning.IsCurrentThreadRealtime);
            return (e, ProcessTuning.IsCurrentThreadRealtime(), child);
        });

        error.Should().BeNull();
        realtime.Should().BeTrue();
        childRealtime.Should().BeFalse("a notify script or thread-pool worker started by a real-time thread must not inherit it");
    }

    [Fact]
    public void IsCurrentThreadRealtime_OrdinaryThread_False() =>
        OnThread(ProcessTuning.IsCurrentThreadRealtime).Should().BeFalse();

    private static T OnThread<T>(Func<T> body)
    {
        T result = default!;
        var thread = new Thread(() => result = body());
        thread.Start();
        thread.Join();
        return result;
    }
}
