using HaVip.Domain;
using HaVip.Server.Hosting;
using HaVip.Server.Replication;
using HaVip.Server.Services;
using HaVip.Storage;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Background;

/// <summary>Fails HAVIPs whose hosts did not apply a change in time, and finishes overdue deletes.</summary>
internal sealed partial class ApplyDeadlineService(
    IServiceScopeFactory scopes, ILeadership leadership, IOptions<ServerOptions> options, TimeProvider time, ILogger<ApplyDeadlineService> logger)
    : LeaderWork(leadership, time, options.Value.DeadlineCheckInterval, logger)
{
    protected override async Task WorkAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAllAccountsScope();
        var reports = scope.ServiceProvider.GetRequiredService<HostReportService>();
        var count = await reports.EnforceDeadlinesAsync(Time.UtcNow(), stoppingToken);
        if (count > 0)
        {
            LogEnforced(Logger, count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Apply deadline passed for {Count} HAVIP(s)")]
    private static partial void LogEnforced(ILogger logger, int count);
}
