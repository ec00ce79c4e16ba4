using System.Data;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Persistence;

/// <summary>
/// Runs a change as one serializable transaction. Within a process, changes queue here (SQLite
/// has a single writer anyway, and queueing keeps a quota check and its write atomic); waiting
/// changes enter by <see cref="WritePriority"/>, then in arrival order. Across replicas on
/// PostgreSQL, serializable isolation makes the database refuse the loser of a race
/// (serialization failure or unique violation); the whole change then runs again and sees the
/// winner's rows, so limits hold by the database's word, not by luck.
/// </summary>
public sealed class WriteGate(ChangeSignal? committed = null)
{
    private const int MaxAttempts = 10;
    private readonly PriorityLock _lock = new(Enum.GetValues<WritePriority>().Length);

    public Task<T> RunAsync<T>(HaVipDbContext db, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken) =>
        RunAsync(db, change, WritePriority.Normal, cancellationToken);

    /// <summary>
    /// Only <see cref="WritePriority.Normal"/> changes wake long-polling agents and key caches:
    /// hosts' reports and the audit trail never change a desired state or a key, and waking every
    /// agent to re-read the change number after each ack would put ten reads in front of the next
    /// ack. Nor does a change that saved nothing (the leader's deadline check, every second). On
    /// PostgreSQL the same holds for the NOTIFY other replicas listen to.
    /// </summary>
    public async Task<T> RunAsync<T>(HaVipDbContext db, Func<CancellationToken, Task<T>> change, WritePriority priority, CancellationToken cancellationToken)
    {
        await _lock.EnterAsync((int)priority, cancellationToken);
        db.AnnouncesCommits = priority == WritePriority.Normal;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var result = await RunOnceAsync(db, change, cancellationToken);
                    if (db.CommitIsNews)
                    {
                        committed?.Notify();
                    }
                    return result;
                }
                catch (Exception e) when (attempt < MaxAttempts && StorageErrors.IsConflict(e))
                {
                    db.ChangeTracker.Clear();
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
                }
                catch
                {
                    // A refused change leaves nothing behind, not even in this scope's change tracker.
                    db.ChangeTracker.Clear();
                    throw;
                }
            }
        }
        finally
        {
            db.AnnouncesCommits = true;
            _lock.Exit();
        }
    }

    private static async Task<T> RunOnceAsync<T>(HaVipDbContext db, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        db.BeginWrites();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var result = await change(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
