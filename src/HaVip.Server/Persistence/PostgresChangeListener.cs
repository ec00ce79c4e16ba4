using HaVip.Storage;
using Npgsql;

namespace HaVip.Server.Persistence;

/// <summary>
/// LISTENs for the notification every committed PostgreSQL write sends, and wakes this replica's
/// long-polling agents: a change made through replica A reaches an agent polling replica B at
/// once; a change that changed an API key (its payload) also empties the key caches. After a lost
/// connection it does both, since notifications may have been missed.
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
                // Notifications may have been missed, a key's among them.
                signal.Notify(keysChanged: true);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, KeepAlive = 5 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        connection.Notification += (_, e) => signal.Notify(e.Payload == StorageServiceCollectionExtensions.ChangeKeysPayload);
        await using (var listen = new NpgsqlCommand($"LISTEN {StorageServiceCollectionExtensions.ChangeChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }
        signal.Notify(keysChanged: true);
        while (!ct.IsCancellationRequested)
        {
            await connection.WaitAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change notifications interrupted ({Reason}); reconnecting")]
    private static partial void LogReconnecting(ILogger logger, string reason);
}
