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
/// A change made while a write of the same context is running (a request handler run inside
/// the write that also stores its idempotency record) joins that write: it saves into the open
/// transaction, and the outer write commits, or runs everything again, once.
/// </summary>
public sealed class WriteGate(ChangeSignal? committed = null, ChangeTraces? traces = null)
{
    private const int MaxAttempts = 10;
    private readonly PriorityLock _lock = new(Enum.GetValues<WritePriority>().Length);

    // The context whose write the current async flow runs inside. It flows into the code a write
    // calls and nowhere else, so only that code joins; the lock is not re-entrant.
    private readonly AsyncLocal<HaVipDbContext?> _running = new();

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
        if (ReferenceEquals(_running.Value, db))
        {
            return await JoinAsync(db, change, cancellationToken);
        }
        // A child of the request's activity; null (no cost) unless a tracer listens.
        using var activity = WriteTracing.Source.StartActivity("write");
        activity?.SetTag(WriteTracing.PriorityTag, priority.ToString());
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
                    if (activity?.GetTagItem(WriteTracing.ChangeTag) is long madeChange)
                    {
                        traces?.Record(madeChange, activity.Id!);
                    }
                    return result;
                }
                catch (Exception e) when (attempt < MaxAttempts && StorageErrors.IsConflict(e))
                {
                    // The change number the refused attempt took is not the one that will commit.
                    activity?.SetTag(WriteTracing.ChangeTag, null);
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

    private async Task<T> RunOnceAsync<T>(HaVipDbContext db, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        db.BeginWrites();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        _running.Value = db;
        T result;
        try
        {
            result = await change(cancellationToken);
        }
        finally
        {
            _running.Value = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// A change inside a running write: saved into its transaction. A refused change leaves nothing
    /// behind; a conflict goes up to the outer write, which runs the whole of it again.
    /// </summary>
    private static async Task<T> JoinAsync<T>(HaVipDbContext db, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        try
        {
            var result = await change(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }
        catch (Exception e) when (!StorageErrors.IsConflict(e))
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
