using System.Diagnostics;
using System.Globalization;

namespace HaVip.Bench.ControlPlane;

/// <summary>Runs one operation from several workers for a fixed time; records every latency.</summary>
internal static class LoadRunner
{
    public static async Task<Result> RunAsync(string name, int workers, TimeSpan duration, Func<int, Task<HttpResponseMessage>> operation)
    {
        var latencies = new List<double>[workers];
        var failures = 0;
        string? firstFailure = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            latencies[w] = [];
            var i = 0;
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await operation(w * 1_000_000 + i++);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    firstFailure ??= $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                }
                latencies[w].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(name, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length, failures, firstFailure);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>
    /// One operation's run. A run with failed requests has no throughput or latency worth
    /// printing (a 401 or 429 is answered faster than a real request): <see cref="Cells"/> then
    /// shows the failures instead.
    /// </summary>
    internal sealed record Result(string Operation, double PerSecond, double P50, double P99, int Requests, int Failures, string? FirstFailure)
    {
        public bool Failed => Failures > 0;

        /// <summary>Requests per second, p50 and p99 (ms) as table cells; "failed" in each when any request failed.</summary>
        public (string PerSecond, string P50, string P99) Cells => Failed
            ? ("failed", "failed", "failed")
            : (PerSecond.ToString("F0", CultureInfo.InvariantCulture), P50.ToString("F2", CultureInfo.InvariantCulture), P99.ToString("F2", CultureInfo.InvariantCulture));
    }
}
