using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Contracts.Agents;
using HaVip.Linux.Commands;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Sync;

/// <summary>
/// Every <c>interval</c>, verifies the kernel against the last applied state and re-applies it
/// when something drifted (an operator's <c>nft flush ruleset</c>, another tool's reload, a port
/// taken out of its bridge): without it the host would stay unprotected until the next change.
/// Each repair is counted by what drifted, logged, and reported to the server.
/// </summary>
internal sealed partial class SelfRepair(StateApplier applier, AgentMetrics metrics, Reporter reporter, TimeSpan interval, TimeProvider time, ILogger<SelfRepair> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await CheckAsync(ct);
            }
            catch (CommandFailedException e)
            {
                LogVerifyFailed(e.Message);
            }
        }
    }

    /// <summary>One verification: what drifted (and was re-applied); empty when the kernel is as applied.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken ct)
    {
        var drift = await applier.DriftAsync(ct);
        if (drift.Count == 0)
        {
            return drift;
        }
        var outcome = await applier.RepairAsync(ct);
        foreach (var what in drift)
        {
            metrics.Repaired(what);
        }
        var whats = string.Join(", ", drift);
        if (outcome is { Complete: true })
        {
            LogRepaired(whats, outcome.Sequence);
        }
        else
        {
            LogRepairIncomplete(whats, outcome?.Sequence ?? 0, outcome is null ? "" : string.Join("; ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}")));
        }
        reporter.Repair(new RepairReport(drift, time.GetUtcNow().UtcDateTime));
        return drift;
    }

    [LoggerMessage(LogLevel.Warning, "kernel drifted from change {Sequence} ({What}); re-applied it")]
    private partial void LogRepaired(string what, long sequence);

    [LoggerMessage(LogLevel.Warning, "kernel drifted from change {Sequence} ({What}); re-applying it left errors: {Errors}")]
    private partial void LogRepairIncomplete(string what, long sequence, string errors);

    [LoggerMessage(LogLevel.Warning, "verifying the kernel failed: {Reason}")]
    private partial void LogVerifyFailed(string reason);
}
