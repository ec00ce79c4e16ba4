using System.Collections.Concurrent;
using System.Diagnostics;

namespace HaVip.Testing;

/// <summary>
/// Drains a child's stdout and stderr (a full pipe would stall it) and keeps the last lines, so a
/// server that dies before it is ready says why in the test's failure.
/// </summary>
internal sealed class ProcessLog
{
    private const int Kept = 300;
    private readonly ConcurrentQueue<string> _lines = new();

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

    public string Tail() => _lines.IsEmpty ? "(none)" : string.Join(Environment.NewLine, _lines);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _onLine?.Invoke(line);
        _lines.Enqueue(line);
        while (_lines.Count > Kept)
        {
            _lines.TryDequeue(out _);
        }
    }
}
