using System.Diagnostics;

namespace HaVip.Lab.Processes;

/// <summary>
/// Waits for a just-started HaVip.Server to answer <c>/readyz</c> (its database answers), and
/// gives up early when the process is gone. The lab's `havip up`, the tests and the benchmarks
/// start servers differently (detached with a log file, or as a child), but wait for them alike.
/// </summary>
public static class Readiness
{
    /// <param name="alive">False once the process exited: waiting longer would only hide why.</param>
    /// <param name="seeAlso">Where a person finds out more (a log file), named in the error.</param>
    public static async Task WaitForServerAsync(HttpClient client, Func<bool> alive, TimeSpan budget, string seeAlso, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var last = "no answer yet";
        while (watch.Elapsed < budget)
        {
            if (!alive())
            {
                throw new InvalidOperationException($"the server exited before it was ready; {seeAlso}");
            }
            try
            {
                using var response = await client.GetAsync("/readyz", ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                last = $"/readyz answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"the server was not ready within {budget.TotalSeconds:0} s (last: {last}); {seeAlso}");
    }
}
