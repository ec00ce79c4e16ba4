using HaVip.Vrrp.Config;
using HaVip.Vrrp.Tracking;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Tracking;

/// <summary>
/// One track_file: written by <c>init_file</c> at start, read then and again whenever it is
/// written, moved or deleted (inotify, through <see cref="FileSystemWatcher"/>), as keepalived's
/// track_file.c does. A deleted or unreadable file reads 0.
/// </summary>
internal sealed class TrackFileMonitor : IDisposable
{
    // The watcher reports each write(2), not close(2) as keepalived waits for: one read shortly
    // after the last event sees the finished file, not a truncated one.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(10);
    private readonly Action<string, int> _changed;
    private readonly ILogger _log;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _read;
    private readonly Lock _lock = new();

    public TrackFileMonitor(TrackFileConfig file, bool reload, Action<string, int> changed, ILogger log)
    {
        (File, _changed, _log) = (file, changed, log);
        var path = Path.GetFullPath(file.Path!);
        Initialise(path, reload);
        Value = Read(path) ?? 0;
        _read = new Timer(_ => Reread(path));
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Log.Problem(log, $"track_file {file.Name}: directory {directory} does not exist; the file reads 0");
            return;
        }

        _watcher = new FileSystemWatcher(directory, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => _read.Change(Settle, Timeout.InfiniteTimeSpan);
        _watcher.Created += (_, _) => _read.Change(Settle, Timeout.InfiniteTimeSpan);
        _watcher.Deleted += (_, _) => _read.Change(Settle, Timeout.InfiniteTimeSpan);
        _watcher.Renamed += (_, _) => _read.Change(Settle, Timeout.InfiniteTimeSpan);
        _watcher.EnableRaisingEvents = true;
    }

    public TrackFileConfig File { get; }

    /// <summary>The number last read.</summary>
    public int Value { get; private set; }

    /// <summary>keepalived: init_file writes its value if the file is missing, or always with overwrite (not on a reload).</summary>
    private void Initialise(string path, bool reload)
    {
        if (File.InitValue is not { } value || (System.IO.File.Exists(path) && (!File.InitOverwrite || reload)))
            return;
        try
        {
            System.IO.File.WriteAllText(path, TrackFileValue.Format(value));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Problem(_log, $"track_file {File.Name}: cannot initialise {path}: {ex.Message}");
        }
    }

    private void Reread(string path)
    {
        lock (_lock)
        {
            if (Read(path) is not { } value || value == Value)
                return;
            Value = value;
            Log.TrackFileChanged(_log, File.Name, value);
            _changed(File.Name, value);
        }
    }

    /// <summary>Null: a number outside int, ignored as keepalived ignores it ("Invalid number").</summary>
    private int? Read(string path)
    {
        string text;
        try
        {
            text = System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            text = "";
        }

        var value = TrackFileValue.Parse(text);
        if (value is null)
            Log.Problem(_log, $"track_file {File.Name}: invalid number in {path}; ignored");
        return value;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _read.Dispose();
    }
}
