using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Logging;

/// <summary>
/// havipd's log: one line per entry, in the format of Microsoft.Extensions.Logging.Console's
/// simple single-line formatter that havipd used before (<c>HH:mm:ss.fff info: category[id] message</c>),
/// written synchronously. The console provider with its dependency-injection and options stack
/// was about a fifth of the Native AOT executable, and an executable is resident almost whole.
/// </summary>
internal sealed class LineLoggerFactory(TextWriter output, LogLevel minimum) : ILoggerFactory
{
    private readonly Lock _write = new();
    private readonly LogLevel _minimum = minimum;

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("havipd writes its own log lines; providers are not pluggable");

    public void Dispose()
    {
    }

    /// <summary>The whole line is built first and written in one call, so lines of two threads never interleave.</summary>
    internal static string Format(DateTime at, LogLevel level, string category, int eventId, string message, Exception? exception)
    {
        var line = new StringBuilder(96 + message.Length);
        line.Append(at.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture))
            .Append(Level(level)).Append(": ").Append(category)
            .Append('[').Append(eventId.ToString(CultureInfo.InvariantCulture)).Append("] ");
        AppendOneLine(line, message);
        if (exception is not null)
        {
            line.Append(' ');
            AppendOneLine(line, exception.ToString());
        }

        return line.Append('\n').ToString();
    }

    private static void AppendOneLine(StringBuilder line, string text) =>
        line.Append(text.Replace(Environment.NewLine, " ", StringComparison.Ordinal));

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };

    private void Write(string line)
    {
        lock (_write)
        {
            output.Write(line);
            output.Flush();
        }
    }

    private sealed class LineLogger(LineLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            owner.Write(Format(DateTime.Now, logLevel, category, eventId.Id, formatter(state, exception), exception));
        }
    }
}
