using System.Diagnostics;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>Polls until a condition holds; the network converges on its own time.</summary>
internal static class Eventually
{
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
            await Task.Delay(100);
            last = await read();
        }
        return last;
    }
}
