using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// The SQL one context runs while the log is open, read from EF Core's diagnostic events (no
/// interceptor in the server's setup): each statement's text and, for a statement that changes
/// rows, how many it changed. A batch of several statements in one command (PostgreSQL's) counts
/// each of them; other contexts' commands, other tests' included, are not seen.
/// </summary>
internal sealed class CommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly DbContext _db;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<(string Sql, int? Rows)> _commands = [];

    private CommandLog(DbContext db)
    {
        _db = db;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    /// <summary>
    /// Opens the log once it sees the context's commands: EF Core reads whether anyone listens at
    /// most once a second (its logging cache), so a probe statement runs until the log sees one,
    /// and the log starts empty after it. Fails after 10 s without.
    /// </summary>
    public static async Task<CommandLog> OpenAsync(DbContext db)
    {
        var log = new CommandLog(db);
        var waited = Stopwatch.StartNew();
        while (log.Statements.Count == 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                log.Dispose();
                throw new TimeoutException("EF Core's diagnostic events showed none of the context's commands in 10 s.");
            }
            await db.Database.ExecuteSqlRawAsync("SELECT 1");
        }
        lock (log._commands)
        {
            log._commands.Clear();
        }
        return log;
    }

    /// <summary>Each statement run, in order (a command of several counts each).</summary>
    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands.SelectMany(c => c.Sql.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0))];
            }
        }
    }

    /// <summary>
    /// The rows changed by the commands whose text starts with <paramref name="prefix"/> (e.g.
    /// "UPDATE havip_host_applies"), identifiers' quotes left out (PostgreSQL's SQL quotes only
    /// the names that need it).
    /// </summary>
    public int RowsChangedBy(string prefix)
    {
        lock (_commands)
        {
            return _commands.Where(c => c.Sql.Replace("\"", "", StringComparison.Ordinal).TrimStart().StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Sum(c => c.Rows ?? 0);
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data && ReferenceEquals(data.Context, _db))
        {
            lock (_commands)
            {
                _commands.Add((data.Command.CommandText, data.Result is int rows ? rows : data.Result is DbDataReader reader ? reader.RecordsAffected : null));
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
}
