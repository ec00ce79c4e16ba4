using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HaVip.Server.Tests.Fixtures;

/// <summary>
/// Counts the database commands EF Core executes inside <see cref="CountAsync{T}"/>'s work, and only
/// there: the count follows the work's async flow, so the server's background reads and writes
/// meanwhile (the change feed, contacts) and other tests' commands are not counted. Make it before
/// the server starts: a context that found nobody listening skips its diagnostics for a while
/// (EF Core's logging cache time), so commands right after a later subscription could go uncounted.
/// </summary>
public sealed class CommandCounter : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly AsyncLocal<CommandCounter?> Counting = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _lock = new();
    private readonly List<string> _commands = [];

    public CommandCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>The commands counted so far, their SQL, in order.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_lock)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Runs <paramref name="work"/>, counting the commands it executes.</summary>
    public async Task<T> CountAsync<T>(Func<Task<T>> work)
    {
        Counting.Value = this;
        try
        {
            return await work();
        }
        finally
        {
            Counting.Value = null;
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_lock)
            {
                // Every event enabled: EF decides whether to report an execution by its "executing" event.
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (Counting.Value == this && value.Value is CommandExecutedEventData executed)
        {
            lock (_lock)
            {
                _commands.Add(executed.Command.CommandText);
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
            _subscriptions.Clear();
        }
    }
}
