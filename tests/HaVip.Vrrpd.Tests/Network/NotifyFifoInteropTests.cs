using System.Collections.Concurrent;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// vrrp_notify_fifo: havipd writes keepalived's lines. keepalived (n1, master) and havipd (n2,
/// backup) each write their own FIFO; the master's link going down must show as the same kind of
/// line on both sides (keepalived's FAULT, havipd's MASTER), in keepalived's format.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class NotifyFifoInteropTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    [Fact]
    public void StateChanges_AreWrittenAsKeepalivedWritesThem()
    {
        using var lab = new NetLab(nodes: 2);
        var kFifo = Path.Combine(lab.Directory, "k.fifo");
        var hFifo = Path.Combine(lab.Directory, "h.fifo");
        lab.Keepalived(1, Conf.Global("n1", $"vrrp_notify_fifo {kFifo}") + Conf.Instance(150));
        lab.Havipd(2, Conf.Global("n2", $"vrrp_notify_fifo {hFifo}") + Conf.Instance(100));
        Eventually.Until(() => File.Exists(kFifo) && File.Exists(hFifo), Settle).Should().BeTrue(lab.Logs());
        using var keepalived = new FifoReader(kFifo);
        using var havipd = new FifoReader(hFifo);
        Eventually.Until(() => lab.VipHolders(2).SequenceEqual([1]) && Status.State(lab, 2) == "BACKUP", Settle).Should().BeTrue(lab.Logs());

        lab.LinkDown(1);

        Eventually.Until(() => keepalived.Lines.Contains("INSTANCE \"VI_1\" FAULT 150") && havipd.Lines.Contains("INSTANCE \"VI_1\" MASTER 100"), Settle)
            .Should().BeTrue($"keepalived wrote [{string.Join(" | ", keepalived.Lines)}], havipd wrote [{string.Join(" | ", havipd.Lines)}]\n{lab.Logs()}");
    }

    /// <summary>Reads a FIFO's lines in the background (the daemons hold it open read-write, so opening never blocks).</summary>
    private sealed class FifoReader : IDisposable
    {
        private readonly FileStream _stream;
        private readonly ConcurrentQueue<string> _lines = new();

        public FifoReader(string path)
        {
            _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var reader = new StreamReader(_stream);
            _ = Task.Run(async () =>
            {
                try
                {
                    while (await reader.ReadLineAsync() is { } line)
                        _lines.Enqueue(line);
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException)
                {
                    // The test is over.
                }
            });
        }

        public IReadOnlyCollection<string> Lines => _lines.ToArray();

        public void Dispose() => _stream.Dispose();
    }
}
