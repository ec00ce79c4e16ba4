using HaVip.Storage;
using Npgsql;

namespace HaVip.Server.Persistence;

/// <summary>
/// LISTENs for the notification every committed PostgreSQL write sends, and wakes this replica's
/// long-polling agents: a change made through replica A reaches an agent polling replica B at
/// once. After a lost connection it wakes them too, since notifications may have been missed.
/// </summary>
internal sealed partial class PostgresChangeListener(DatabaseSettings settings, ChangeSignal signal, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                LogReconnecting(logger, e.Message);
                signal.Notify();
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, KeepAlive = 5 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        connection.Notification += (_, _) => signal.Notify();
        await using (var listen = new NpgsqlCommand($"LISTEN {StorageServiceCollectionExtensions.ChangeChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }
        signal.Notify();
        while (!ct.IsCancellationRequested)
        {
            await connection.WaitAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change notifications interrupted ({Reason}); reconnecting")]
    private static partial void LogReconnecting(ILogger logger, string reason);
}
