using System.Diagnostics;

namespace HaVip.Testing;

/// <summary>
/// Polls for evidence until it holds: the network and the server converge on their own time, and
/// a fixed sleep either wastes time or flakes. A wait that times out fails with what it last saw.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads until <paramref name="done"/> holds and returns that reading.</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/>; names <paramref name="what"/> and the last reading.</exception>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        var last = await read();
        while (!done(last))
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds} s (last: {last})");
            }
            await Task.Delay(Poll);
            last = await read();
        }
        return last;
    }

    /// <summary>
    /// Polls <paramref name="condition"/> on this thread (for callers that cannot await: the
    /// network tests, the failover benchmark) every <paramref name="poll"/>, 20 ms unless given.
    /// False when it never held within <paramref name="timeout"/>: the caller fails with what it
    /// saw, e.g. <c>.Should().BeTrue(lab.Logs())</c>.
    /// </summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }
            Thread.Sleep(poll ?? TimeSpan.FromMilliseconds(20));
        }
        return condition();
    }
}
