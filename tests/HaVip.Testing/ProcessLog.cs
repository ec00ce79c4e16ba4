using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace HaVip.Testing;

/// <summary>
/// Drains a child's stdout and stderr (a full pipe would stall it) and keeps the last lines, so a
/// server that dies before it is ready says why in the test's failure. It also keeps the first
/// errors the child logged whole (the console logger's "fail:" or "crit:" entry with its stack),
/// however many lines came after them: a 500 in the middle of a busy test is otherwise gone from
/// the tail by the time the test fails. EF Core's own reports of a failed command are not among
/// them: it logs every refused command, also those the server classifies and retries or answers
/// 503 for, and they would crowd out the server's own errors (they stay in the tail).
/// </summary>
internal sealed class ProcessLog
{
    private const int Kept = 300;
    private const int ErrorsKept = 10;
    private const int LinesPerError = 60;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Lock _errorLock = new();
    private StringBuilder? _error;
    private int _errorLines;
    private int _errorsSeen;

    private readonly Action<string>? _onLine;

    /// <param name="onLine">Called with each line as it arrives (from the reader's thread).</param>
    public ProcessLog(Process process, Action<string>? onLine = null)
    {
        _onLine = onLine;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Tail()
    {
        var tail = _lines.IsEmpty ? "(none)" : string.Join(Environment.NewLine, _lines);
        string[] errors;
        int seen;
        lock (_errorLock)
        {
            errors = [.. _errors, .. _error is null ? Array.Empty<string>() : [_error.ToString()]];
            seen = _errorsSeen;
        }
        return errors.Length == 0
            ? tail
            : $"errors logged ({seen}; the first {errors.Length} whole):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}"
              + $"{Environment.NewLine}the last {Kept} lines:{Environment.NewLine}{tail}";
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _onLine?.Invoke(line);
        KeepError(line);
        _lines.Enqueue(line);
        while (_lines.Count > Kept)
        {
            _lines.TryDequeue(out _);
        }
    }

    /// <summary>An error entry runs from its "fail:"/"crit:" line to the next entry of any level.</summary>
    private void KeepError(string line)
    {
        lock (_errorLock)
        {
            var starts = IsEntryStart(line);
            if (_error is not null && starts)
            {
                _errors.Enqueue(_error.ToString());
                _error = null;
            }
            if ((line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
                && !line.AsSpan(5).TrimStart().StartsWith("Microsoft.EntityFrameworkCore.", StringComparison.Ordinal))
            {
                _errorsSeen++;
                if (_errors.Count < ErrorsKept)
                {
                    _error = new StringBuilder(line);
                    _errorLines = 1;
                }
            }
            else if (_error is not null && _errorLines++ < LinesPerError)
            {
                _error.AppendLine().Append(line);
            }
        }
    }

    private static bool IsEntryStart(string line) =>
        line.Length > 5 && line[4] == ':' && line[..4] is "trce" or "dbug" or "info" or "warn" or "fail" or "crit";
}
