using System.Runtime.InteropServices;
using System.Threading.Channels;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Daemon;

/// <summary>Process concerns: logging, pid file, signals (SIGTERM/SIGINT stop gracefully, SIGHUP reloads).</summary>
internal static class DaemonHost
{
    public static async Task<int> RunAsync(DaemonOptions options)
    {
        var config = ConfigLoader.Load(options.ConfigFile, Console.Error);
        if (config is null)
            return 1;
        using var loggers = new LineLoggerFactory(Console.Out, Environment.GetEnvironmentVariable("HAVIPD_DEBUG") is null ? LogLevel.Information : LogLevel.Debug);
        using var stop = new CancellationTokenSource();
        var reloads = Channel.CreateUnbounded<bool>();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; reloads.Writer.TryWrite(true); });
        if (options.PidFile is { } pidFile)
            await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}\n");
        try
        {
            using var daemon = new VrrpDaemon(options, loggers, TimeProvider.System);
            // Handed over, not kept: this frame lives as long as the daemon, which drops the parsed
            // model (about 0.7 MB at 1,000 instances) once its instances run.
            await daemon.RunAsync(Interlocked.Exchange(ref config, null)!, reloads.Reader, stop.Token);
            return 0;
        }
        finally
        {
            if (options.PidFile is { } p)
                File.Delete(p);
        }
    }
}
