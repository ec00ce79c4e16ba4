namespace HaVip.Server.Persistence;

/// <summary>
/// A mutual-exclusion lock whose waiters enter highest level first, FIFO within a level. A
/// waiter that gives up (cancelled) is skipped when its turn comes.
/// </summary>
internal sealed class PriorityLock(int levels)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource>[] _waiting = Enumerable.Range(0, levels).Select(_ => new Queue<TaskCompletionSource>()).ToArray();
    private bool _held;

    /// <summary>The waiters queued at <paramref name="level"/> (cancelled ones not yet skipped included).</summary>
    public int Waiting(int level)
    {
        lock (_lock)
        {
            return _waiting[level].Count;
        }
    }

    public async Task EnterAsync(int level, CancellationToken ct)
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return;
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[level].Enqueue(turn);
        }
        // Whichever wins, TrySetResult in Exit or TrySetCanceled here, decides: a cancelled waiter never holds the lock.
        using var registration = ct.Register(() => turn.TrySetCanceled(ct));
        await turn.Task;
    }

    public void Exit()
    {
        lock (_lock)
        {
            for (var level = _waiting.Length - 1; level >= 0; level--)
            {
                while (_waiting[level].TryDequeue(out var next))
                {
                    if (next.TrySetResult())
                    {
                        return;
                    }
                }
            }
            _held = false;
        }
    }
}
