namespace HaVip.Server.Persistence;

/// <summary>
/// Periodic work that only the leader does: several replicas share one database. A failed round
/// is logged and the next tick tries again.
/// </summary>
internal abstract class LeaderPeriodicService(ILeadership leadership, TimeProvider time) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected abstract void OnFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leadership.IsLeader)
            {
                continue;
            }
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OnFailed(e);
            }
        }
    }
}
