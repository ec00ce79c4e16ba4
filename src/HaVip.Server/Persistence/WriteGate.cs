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
/// winner's rows, so limits hold by the database's word, not by luck. A change that lost the race
/// for the change number runs again holding its turn for it (see <see cref="Attempt"/>).
/// A change made while a write of the same context is running (a request handler run inside
/// the write that also stores its idempotency record) joins that write: it saves into the open
/// transaction, and the outer write commits, or runs everything again, once.
/// A commit is announced (<see cref="WriteKind.Announces"/>) only when it saved rows: a change
/// that saved nothing (the leader's deadline check, every second) is no news. The gate announces
/// it itself: to other replicas inside the transaction (PostgreSQL delivers the NOTIFY at
/// commit), to this process's <see cref="ChangeSignal"/> after the commit; saying also whether it
/// changed an API key, the only news the servers' key caches act on. Each write's wait for its
/// turn and its hold are measured by kind (<see cref="WriteGateMetrics"/>).
/// </summary>
public sealed class WriteGate(ChangeSignal? committed = null, ChangeTraces? traces = null, WriteGateMetrics? metrics = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private const int MaxAttempts = 10;
    private readonly PriorityLock _lock = new(WriteKind.Levels);

    // The context whose write the current async flow runs inside. It flows into the code a write
    // calls and nowhere else, so only that code joins; the lock is not re-entrant.
    private readonly AsyncLocal<HaVipDbContext?> _running = new();

    /// <summary>The writes of <paramref name="kind"/>'s level waiting for their turn (tests: a write queued).</summary>
    internal int Waiting(WriteKind kind) => _lock.Waiting(kind.Priority);

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
        var queued = _time.GetTimestamp();
        await _lock.EnterAsync(kind.Priority, cancellationToken);
        var entered = _time.GetTimestamp();
        metrics?.Waited(kind, _time.GetElapsedTime(queued, entered));
        var outcome = WriteGateMetrics.Failed;
        try
        {
            var attempt = new Attempt();
            for (attempt.Number = 1; ; attempt.Number++)
            {
                try
                {
                    var (result, announced, keysChanged) = await RunOnceAsync(db, change, kind, attempt, cancellationToken);
                    outcome = attempt.Number == 1 ? WriteGateMetrics.Committed : WriteGateMetrics.Retried;
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
                catch (Exception e) when (attempt.Number < MaxAttempts && StorageErrors.IsConflict(e))
                {
                    // The change number the refused attempt took is not the one that will commit.
                    activity?.SetTag(WriteTracing.ChangeTag, null);
                    db.ChangeTracker.Clear();
                    // A write that lost the race for the change number waits its turn for it next time (see Attempt).
                    attempt.TakeTurn |= attempt.NumbersChange;
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt.Number)), cancellationToken);
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
            // Recorded before the next write enters: the hold is this write's alone.
            metrics?.Held(kind, outcome, _time.GetElapsedTime(entered));
            _lock.Exit();
        }
    }

    /// <summary>One attempt; the result, whether the commit was announced and whether it changed an API key.</summary>
    private async Task<(T Result, bool Announced, bool KeysChanged)> RunOnceAsync<T>(
        HaVipDbContext db, Func<CancellationToken, Task<T>> change, WriteKind kind, Attempt attempt, CancellationToken cancellationToken)
    {
        // Counts the rows of every save in this attempt, joined writes' included, and sees whether one changed a key.
        var saved = 0;
        var keys = false;
        void Count(object? sender, SavedChangesEventArgs e) => saved += e.EntitiesSavedCount;
        void Saving(object? sender, SavingChangesEventArgs e) => keys |= Saves<ApiKey>(db);
        db.SavedChanges += Count;
        db.SavingChanges += Saving;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            if (attempt.TakeTurn)
            {
                await db.TakeChangeNumberTurnAsync(cancellationToken);
            }
            attempt.NumbersChange = false;
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
            // Read before the save, where a lost race for the number is refused.
            attempt.NumbersChange = Saves<SequenceRow>(db);
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
    /// Whether the save about to run adds, changes or removes an entity of <typeparamref name="TEntity"/>
    /// (an API key; the change number's row). Looks at those tracked entities only: detecting the
    /// changes of every tracked entity here would be a second pass over an ack batch's thousands of
    /// rows, which the save makes anyway.
    /// </summary>
    private static bool Saves<TEntity>(HaVipDbContext db)
        where TEntity : class
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in db.ChangeTracker.Entries<TEntity>())
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

    /// <summary>
    /// One write's attempts. Two replicas that both queue writes taking change numbers race for
    /// the number's row (PostgreSQL refuses the second with "concurrent update", or earlier as the
    /// pivot of a read/write cycle): the loser's next attempt, after a pause, meets the winner's
    /// next write, which started at once and is ahead, and can lose again, ten times in a row
    /// (a registration's 503 with 1,000 agents registering through two replicas, docs/benchmarks.md).
    /// So an attempt that was refused with a change number taken makes the next attempts take
    /// their turn first (<see cref="HaVipDbContext.TakeChangeNumberTurnAsync"/>), which the other
    /// writes taking a number wait for; first attempts take none, and cost nothing more.
    /// </summary>
    private sealed class Attempt
    {
        public int Number { get; set; }

        /// <summary>The attempt reached its save with a change number taken.</summary>
        public bool NumbersChange { get; set; }

        /// <summary>Attempts from now on take their turn for the change number first.</summary>
        public bool TakeTurn { get; set; }
    }
}
