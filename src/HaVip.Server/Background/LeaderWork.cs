using HaVip.Server.Replication;

namespace HaVip.Server.Background;

/// <summary>
/// Periodic work that only the leader does (several replicas share one database): a tick every
/// <paramref name="interval"/>; a failed tick is logged and the work tried again on the next.
/// </summary>
internal abstract partial class LeaderWork(ILeadership leadership, TimeProvider time, TimeSpan interval, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    protected abstract Task WorkAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!leadership.IsLeader)
            {
                continue;
            }
            try
            {
                await WorkAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, GetType().Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, string work, Exception exception);
}
