namespace HaVip.Server.Persistence;

/// <summary>
/// Wakes long-polling agents when a write committed. Waiters take <see cref="Next"/> before
/// reading the sequence, so a commit between their read and their wait is never missed.
/// <see cref="NextKeyChange"/> fires only for commits that changed an API key (the key caches'
/// signal): a binding change leaves every cached key valid.
/// </summary>
public sealed class ChangeSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = NewSource();
    private TaskCompletionSource _nextKeyChange = NewSource();

    /// <summary>This server's name in the announcements it sends other replicas: its own come back to it, and are not news.</summary>
    public string Sender { get; } = Guid.NewGuid().ToString("N");

    public Task Next
    {
        get
        {
            lock (_lock)
            {
                return _next.Task;
            }
        }
    }

    /// <summary>Completes at the next commit that changed a key (or may have: a missed notification counts).</summary>
    public Task NextKeyChange
    {
        get
        {
            lock (_lock)
            {
                return _nextKeyChange.Task;
            }
        }
    }

    /// <summary>A commit; <paramref name="keysChanged"/> when it changed an API key, or when it is unknown whether one did.</summary>
    public void Notify(bool keysChanged = false)
    {
        TaskCompletionSource fired;
        TaskCompletionSource? keys = null;
        lock (_lock)
        {
            fired = _next;
            _next = NewSource();
            if (keysChanged)
            {
                keys = _nextKeyChange;
                _nextKeyChange = NewSource();
            }
        }
        fired.TrySetResult();
        keys?.TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
