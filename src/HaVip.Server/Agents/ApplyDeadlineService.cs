using HaVip.Domain;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Agents;

/// <summary>Fails HAVIPs whose hosts did not apply a change in time, and finishes overdue deletes.</summary>
internal sealed partial class ApplyDeadlineService(
    IServiceScopeFactory scopes, ILeadership leadership, IOptions<ServerOptions> options, TimeProvider time, ILogger<ApplyDeadlineService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Several replicas share one database: only the leader does periodic work.
            if (!leadership.IsLeader)
            {
                continue;
            }
            try
            {
                await using var scope = scopes.CreateAllAccountsScope();
                var reports = scope.ServiceProvider.GetRequiredService<HostReportService>();
                var count = await reports.EnforceDeadlinesAsync(time.UtcNow(), stoppingToken);
                if (count > 0)
                {
                    LogEnforced(logger, count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Apply deadline passed for {Count} HAVIP(s)")]
    private static partial void LogEnforced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking apply deadlines failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
