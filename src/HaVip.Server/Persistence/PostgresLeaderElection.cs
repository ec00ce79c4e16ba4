using HaVip.Storage;
using Npgsql;

namespace HaVip.Server.Persistence;

/// <summary>
/// Leader election over PostgreSQL: the replica that holds a session advisory lock on its own
/// connection leads. When that replica dies its session ends, PostgreSQL releases the lock, and
/// the next replica to try (every <see cref="TryInterval"/>) takes over. A leader that loses its
/// connection steps down at its next check.
/// </summary>
internal sealed partial class PostgresLeaderElection(DatabaseSettings settings, ILogger<PostgresLeaderElection> logger) : BackgroundService, ILeadership
{
    public static readonly TimeSpan TryInterval = TimeSpan.FromSeconds(1);

    /// <summary>Arbitrary, fixed: "HaVip" leader.</summary>
    private const long LeaderLockKey = 0x4861_5669_704C;

    private volatile bool _leader;

    public bool IsLeader => _leader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        NpgsqlConnection? session = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                session = await CheckAsync(session, stoppingToken);
                await Task.Delay(TryInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _leader = false;
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>Leader: is the session still alive? Follower: can we take the lock now?</summary>
    private async Task<NpgsqlConnection?> CheckAsync(NpgsqlConnection? session, CancellationToken ct)
    {
        try
        {
            if (session is null)
            {
                session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString);
                await session.OpenAsync(ct);
            }
            await using var command = new NpgsqlCommand(_leader ? "SELECT true" : $"SELECT pg_try_advisory_lock({LeaderLockKey})", session);
            var holds = (bool)(await command.ExecuteScalarAsync(ct))!;
            if (holds != _leader)
            {
                _leader = holds;
                LogLeadership(logger, holds ? "acquired" : "lost");
            }
            return session;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            if (_leader)
            {
                LogLeadership(logger, "lost");
            }
            _leader = false;
            await (session?.DisposeAsync() ?? ValueTask.CompletedTask);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leadership {Change}")]
    private static partial void LogLeadership(ILogger logger, string change);
}
