using System.Diagnostics;
using HaVip.Lab.Probes;
using HaVip.Lab.Vrrp;
using HaVip.Testing;

namespace HaVip.Bench.Failover;

/// <summary>
/// Graceful handover: a pair at v3 advert_int 0.02 (priorities 200 and 100), a client probing the
/// VIP every 2 ms; SIGTERM on the master (it advertises priority 0) and the longest gap between two
/// replies the client saw. The master is started again after each handover and takes the VIP back.
/// </summary>
internal sealed class HandoverRun(string implementation) : IDisposable
{
    private const int Client = 3;
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(2);
    private readonly NetLab _lab = new(nodes: 3);
    private VrrpProcess? _master;
    private IcmpProbe? _client;

    public string Implementation { get; } = implementation;

    public List<TimeSpan> Gaps { get; } = [];

    /// <summary>RFC 5798 section 6.1 for the priority-100 backup at 0.02 s: (256 - 100) / 256 × 0.02 s.</summary>
    public static TimeSpan SkewTime => TimeSpan.FromSeconds(156 / 256.0 * 0.02);

    public void Start()
    {
        _master = StartNode(1, 200);
        StartNode(2, 100);
        _client = new IcmpProbe(_lab.Ns(Client));
    }

    private VrrpProcess StartNode(int node, int priority)
    {
        var conf = Conf.Global($"n{node}") + Conf.Instance(priority, 3, "0.02");
        return Implementation == "havipd" ? _lab.Havipd(node, conf) : _lab.Keepalived(node, conf);
    }

    public void Measure(TimeSpan settle)
    {
        if (!Eventually.Until(() => _lab.VipHolders(2).SequenceEqual([1]) && _client!.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(50)), settle))
            throw new InvalidOperationException($"{Implementation}: node 1 never became the answering master\n{_lab.Logs()}");
        // Nothing in the probe loop may start a process: one `ip` or `kill` takes milliseconds (far
        // more on a loaded machine) in which no probe goes out, and the gap measured would be the
        // bench's. The signal is sent with kill(2); the new master is checked once, afterwards.
        var replies = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var signalAt = TimeSpan.FromMilliseconds(200);
        var signalled = false;
        var done = TimeSpan.MaxValue;
        while (clock.Elapsed < done)
        {
            var sent = clock.Elapsed;
            if (_client!.Ping(NetLab.Vip, Probe))
                replies.Add(clock.Elapsed);
            if (!signalled && clock.Elapsed >= signalAt)
            {
                Signals.Terminate(_master!.Pid);
                signalled = true;
            }
            else if (signalled && done == TimeSpan.MaxValue && _master!.HasExited && replies.Count > 0 && replies[^1] > signalAt)
            {
                // The old master is gone, so whoever answers now is the new one.
                done = clock.Elapsed + TimeSpan.FromMilliseconds(200);
            }
            else if (clock.Elapsed > signalAt + TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"{Implementation}: no reply from the new master within 10 s\n{_lab.Logs()}");
            }

            var rest = Probe - (clock.Elapsed - sent);
            if (rest > TimeSpan.Zero)
                Thread.Sleep(rest);
        }

        if (!_lab.VipHolders(2).SequenceEqual([2]))
            throw new InvalidOperationException($"{Implementation}: node 2 does not hold the VIP after the handover\n{_lab.Logs()}");
        Gaps.Add(replies.Zip(replies.Skip(1), (a, b) => b - a).Max());
        _master!.WaitForExit(TimeSpan.FromSeconds(5));
        _master = StartNode(1, 200);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _lab.Dispose();
    }
}
