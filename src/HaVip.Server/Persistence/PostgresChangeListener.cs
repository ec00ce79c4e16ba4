using HaVip.Storage;
using Npgsql;

namespace HaVip.Server.Persistence;

/// <summary>
/// LISTENs for the notification every committed PostgreSQL write sends, and wakes this replica's
/// long-polling agents: a change made through replica A reaches an agent polling replica B at
/// once; a change that changed an API key (its payload) also empties the key caches. After a lost
/// connection it does both, since notifications may have been missed. This replica's own changes
/// come back too: they woke its agents at commit already (<see cref="WriteGate"/>), so their echo
/// is dropped, not a second round of every woken agent's reads.
/// </summary>
internal sealed partial class PostgresChangeListener(DatabaseSettings settings, ChangeSignal signal, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _echoes;

    /// <summary>Completes once the first LISTEN is in place (and its catch-up wake-up sent).</summary>
    public Task Listening => _listening.Task;

    /// <summary>This replica's own announcements that came back and were dropped.</summary>
    public long Echoes => Interlocked.Read(ref _echoes);

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
        connection.Notification += (_, e) => Heard(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {StorageServiceCollectionExtensions.ChangeChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }
        signal.Notify(keysChanged: true);
        _listening.TrySetResult();
        while (!ct.IsCancellationRequested)
        {
            await connection.WaitAsync(ct);
        }
    }

    private void Heard(string payload)
    {
        var (keysChanged, sender) = PostgresHaVipDbContext.ReadPayload(payload);
        if (sender == signal.Sender)
        {
            Interlocked.Increment(ref _echoes);
            return;
        }
        signal.Notify(keysChanged);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change notifications interrupted ({Reason}); reconnecting")]
    private static partial void LogReconnecting(ILogger logger, string reason);
}
