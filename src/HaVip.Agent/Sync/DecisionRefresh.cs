namespace HaVip.Agent.Sync;

/// <summary>
/// Keeps the platform's decisions alive in the data path: every <see cref="Period"/> the applier
/// restarts the decision elements' timeouts, as long as the agent is in contact with the server.
/// Nothing else keeps them: an agent that dies or loses the server lets them lapse (fail open).
/// </summary>
internal sealed class DecisionRefresh(StateApplier applier, TimeProvider time)
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await applier.RefreshDecisionsAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
