using System.Text;
using System.Threading.Channels;
using HaVip.Linux.Native;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// keepalived's notify_fifo / vrrp_notify_fifo: each state change is a line on the FIFO,
/// <c>INSTANCE "VI_1" MASTER 100</c> or <c>GROUP "G1" FAULT</c>; the FIFO is created if missing and
/// opened read-write (as keepalived does) so no reader is needed; the _script, if any, is started
/// with the FIFO's path as its argument. Lines go through a queue: a full pipe never stalls the election.
/// </summary>
internal sealed class NotifyFifoWriter(ILogger log) : IDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<(string Path, FileStream Stream)> _fifos = [];
    private Task? _writer;

    public static string InstanceLine(string instance, string state, byte priority) => $"INSTANCE \"{instance}\" {state} {priority}";

    public static string GroupLine(string group, string state) => $"GROUP \"{group}\" {state}";

    /// <summary>Opens the configured FIFOs once, at start (keepalived does not reopen them on reload either).</summary>
    public void Open(IReadOnlyList<NotifyFifoConfig> fifos, Action<string> startScript)
    {
        if (_writer is not null)
            return;
        foreach (var f in fifos)
        {
            try
            {
                Fifo.EnsureExists(f.Path);
                _fifos.Add((f.Path, new FileStream(f.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1)));
                if (f.Script is { } script)
                    startScript($"{script} {f.Path}");
            }
            catch (IOException ex)
            {
                Log.FifoFailed(log, f.Path, ex.Message);
            }
        }

        _writer = Task.Run(WriteAllAsync);
    }

    public void Write(string line)
    {
        if (_fifos.Count > 0)
            _lines.Writer.TryWrite(line);
    }

    private async Task WriteAllAsync()
    {
        await foreach (var line in _lines.Reader.ReadAllAsync())
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            foreach (var (path, stream) in _fifos)
            {
                try
                {
                    await stream.WriteAsync(bytes);
                    await stream.FlushAsync();
                }
                catch (IOException ex)
                {
                    Log.FifoFailed(log, path, ex.Message);
                }
            }
        }
    }

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer?.Wait(TimeSpan.FromSeconds(1));
        foreach (var (_, stream) in _fifos)
            stream.Dispose();
    }
}
