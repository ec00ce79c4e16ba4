using System.Threading.Channels;

namespace HaVip.Bench.Fleet;

/// <summary>Every simulated host's poll loop, started and stopped together; their applies arrive on one channel.</summary>
internal sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly SocketsHttpHandler _pool = new() { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
    private readonly SimulatedHost[] _hosts;
    private readonly Channel<Applied> _applied = Channel.CreateUnbounded<Applied>(new UnboundedChannelOptions { SingleReader = true });
    private CancellationTokenSource? _running;
    private Task[] _loops = [];

    public SimulatedFleet(SimHost[] hosts, Uri server, Failures failures) =>
        _hosts = [.. hosts.Select(h => new SimulatedHost(h, server, _pool, _applied.Writer, failures))];

    public int Count => _hosts.Length;

    public ChannelReader<Applied> Applied => _applied.Reader;

    /// <summary>
    /// Registers every host before any polls. A host's first registration is a change to its
    /// subnets (their other hosts tunnel to it), so registering while the others poll would wake
    /// them once per newcomer; here nobody waits yet and the syncs that follow are complete states only.
    /// </summary>
    public Task RegisterAllAsync(CancellationToken ct) =>
        Parallel.ForEachAsync(_hosts, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (h, c) => await h.RegisterAsync(c));

    /// <summary>Every host polls from now on, for deltas or complete states; from scratch as restarted agents.</summary>
    public void Start(bool deltas, bool fromScratch)
    {
        _running = new CancellationTokenSource();
        var ct = _running.Token;
        _loops = [.. _hosts.Select(h => Task.Run(() => h.RunAsync(deltas, fromScratch, ct), CancellationToken.None))];
    }

    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }
        await _running.CancelAsync();
        await Task.WhenAll(_loops);
        _running.Dispose();
        _running = null;
    }

    /// <summary>Complete states refused with 503 since the last call, over every host.</summary>
    public int TakeRefused() => _hosts.Sum(h => h.TakeRefused());

    /// <summary>Acks refused with 503 since the last call, over every host.</summary>
    public int TakeAcksRefused() => _hosts.Sum(h => h.TakeAcksRefused());

    /// <summary>Polls answered 409 PollReplaced over the run, every host.</summary>
    public int Replaced => _hosts.Sum(h => h.Replaced);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
        _pool.Dispose();
    }
}
