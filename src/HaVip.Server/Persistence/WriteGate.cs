using HaVip.Server.Agents;
using HaVip.Storage;

namespace HaVip.Server.Persistence;

/// <summary>
/// Runs a change in one transaction, one change at a time. SQLite has a single writer anyway;
/// queueing here instead of in SQLite's busy loop keeps the quota checks and their writes
/// atomic (20 parallel binds to one instance: exactly 5 succeed).
/// </summary>
public sealed class WriteGate(ChangeSignal? committed = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(HaVipDbContext db, Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await change(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            // Long-polling agents re-read the change sequence only after a commit they can see.
            committed?.Notify();
            return result;
        }
        catch
        {
            // A refused change leaves nothing behind, not even in this scope's change tracker.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }
}
