using System.Diagnostics;
using HaVip.Lab.Probes;
using HaVip.Lab.Vrrp;
using HaVip.Testing;

namespace HaVip.Bench.Failover;

/// <summary>
/// One cluster of 3 (priorities 130/120/110) and a client: the client probes the VIP every <c>probe</c>,
/// the master's link goes down, and the time to the first reply from the new master is taken.
/// </summary>
internal sealed class FailoverRun(string implementation, int version, string advertInt, TimeSpan interval, TimeSpan probe) : IDisposable
{
    private const int Client = 4;
    private readonly NetLab _lab = new(nodes: 4);
    private IcmpProbe? _client;

    public string Implementation { get; } = implementation;

    public List<TimeSpan> Samples { get; } = [];

    public void Start()
    {
        for (var node = 1; node <= 3; node++)
        {
            var conf = Conf.Simple($"n{node}", 100 + (10 * node), version, advertInt);
            _ = Implementation == "havipd" ? _lab.Havipd(node, conf) : _lab.Keepalived(node, conf);
        }

        _client = new IcmpProbe(_lab.Ns(Client));
    }

    /// <summary>Waits for node 3 to hold the VIP and answer, then faults it and measures.</summary>
    public void Measure(TimeSpan settle)
    {
        if (!Eventually.Until(() => _lab.VipHolders(3).SequenceEqual([3]) && _client!.Ping(NetLab.Vip, TimeSpan.FromMilliseconds(50)), settle))
            throw new InvalidOperationException($"{Implementation}: node 3 never became the answering master\n{_lab.Logs()}");
        // Settle, then fault at a random phase of the advert cycle: a fixed delay after the
        // takeover would always hit the same phase and bias the time to failover.
        Thread.Sleep(TimeSpan.FromMilliseconds(300) + (interval * Random.Shared.NextDouble()));
        var before = Samples.Count;
        var clock = Stopwatch.StartNew();
        _lab.LinkDown(3);
        var deadline = TimeSpan.FromSeconds(10);
        while (clock.Elapsed < deadline)
        {
            var sent = clock.Elapsed;
            if (_client!.Ping(NetLab.Vip, probe))
            {
                Samples.Add(clock.Elapsed);
                break;
            }

            var rest = probe - (clock.Elapsed - sent);
            if (rest > TimeSpan.Zero)
                Thread.Sleep(rest);
        }

        if (Samples.Count == before)
            throw new InvalidOperationException($"{Implementation}: no reply from a new master within {deadline.TotalSeconds} s\n{_lab.Logs()}");
        _lab.LinkUp(3);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _lab.Dispose();
    }
}
