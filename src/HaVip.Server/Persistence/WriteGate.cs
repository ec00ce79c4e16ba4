using System.Data;
using HaVip.Domain.Accounts;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Persistence;

/// <summary>
/// The one write path. Runs a change as one serializable transaction. Within a process, changes
/// queue here (SQLite has a single writer anyway, and queueing keeps a quota check and its write
/// atomic); waiting changes enter by their <see cref="WriteKind"/>, then in arrival order. Across
/// replicas on PostgreSQL, serializable isolation makes the database refuse the loser of a race
/// (serialization failure or unique violation); the whole change then runs again and sees the
/// winner's rows, so limits hold by the database's word, not by luck.
/// A change made while a write of the same context is running (a request handler run inside
/// the write that also stores its idempotency record) joins that write: it saves into the open
/// transaction, and the outer write commits, or runs everything again, once.
/// A commit is announced (<see cref="WriteKind.Announces"/>) only when it saved rows: a change
/// that saved nothing (the leader's deadline check, every second) is no news. The gate announces
/// it itself: to other replicas inside the transaction (PostgreSQL delivers the NOTIFY at
/// commit), to this process's <see cref="ChangeSignal"/> after the commit; saying also whether it
/// changed an API key, the only news the servers' key caches act on.
/// </summary>
public sealed class WriteGate(ChangeSignal? committed = null, ChangeTraces? traces = null)
{
    private const int MaxAttempts = 10;
    private readonly PriorityLock _lock = new(WriteKind.Levels);

    // The context whose write the current async flow runs inside. It flows into the code a write
    // calls and nowhere else, so only that code joins; the lock is not re-entrant.
    private readonly AsyncLocal<HaVipDbContext?> _running = new();

    /// <summary>A <see cref="WriteKind.Change"/>.</summary>
    public Task<T> RunAsync<T>(HaVipDbContext db, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken) =>
        RunAsync(db, change, WriteKind.Change, cancellationToken);

    public async Task<T> RunAsync<T>(HaVipDbContext db, Func<CancellationToken, Task<T>> change, WriteKind kind, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(_running.Value, db))
        {
            return await JoinAsync(db, change, cancellationToken);
        }
        // A child of the request's activity; null (no cost) unless a tracer listens.
        using var activity = WriteTracing.Source.StartActivity("write");
        activity?.SetTag(WriteTracing.KindTag, kind.Name);
        await _lock.EnterAsync(kind.Priority, cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var (result, announced, keysChanged) = await RunOnceAsync(db, change, kind, cancellationToken);
                    if (announced)
                    {
                        committed?.Notify(keysChanged);
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
            _lock.Exit();
        }
    }

    /// <summary>One attempt; the result, whether the commit was announced and whether it changed an API key.</summary>
    private async Task<(T Result, bool Announced, bool KeysChanged)> RunOnceAsync<T>(
        HaVipDbContext db, Func<CancellationToken, Task<T>> change, WriteKind kind, CancellationToken cancellationToken)
    {
        // Counts the rows of every save in this attempt, joined writes' included, and sees whether one changed a key.
        var saved = 0;
        var keys = false;
        void Count(object? sender, SavedChangesEventArgs e) => saved += e.EntitiesSavedCount;
        void Saving(object? sender, SavingChangesEventArgs e) => keys |= ChangesKeys(db);
        db.SavedChanges += Count;
        db.SavingChanges += Saving;
        try
        {
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
            var announce = kind.Announces && saved > 0;
            if (announce)
            {
                await db.AnnounceCommitAsync(keys, committed?.Sender, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return (result, announce, keys);
        }
        finally
        {
            db.SavedChanges -= Count;
            db.SavingChanges -= Saving;
        }
    }

    /// <summary>
    /// Whether the save about to run adds, changes or removes an API key. Looks at the tracked keys
    /// only: detecting the changes of every tracked entity here would be a second pass over an
    /// ack batch's thousands of rows, which the save makes anyway.
    /// </summary>
    private static bool ChangesKeys(HaVipDbContext db)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in db.ChangeTracker.Entries<ApiKey>())
            {
                entry.DetectChanges();
                if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                {
                    return true;
                }
            }
            return false;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
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
