using System.Threading.Channels;

namespace HaVip.Bench.Fleet;

/// <summary>Every simulated host's poll loop, started and stopped together; their applies arrive on one channel.</summary>
internal sealed class SimulatedFleet : IAsyncDisposable
{
    /// <summary>Far beyond a cancelled request's end (milliseconds): a bound against a hung run.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly SocketsHttpHandler _pool = new() { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
    private readonly SimulatedHost[] _hosts;
    private readonly Channel<Applied> _applied = Channel.CreateUnbounded<Applied>(new UnboundedChannelOptions { SingleReader = true });
    private CancellationTokenSource? _running;
    private Task[] _loops = [];

    /// <summary>Host i starts on replica i mod the replicas' count and moves on to the next ones, as agents spread over a region's replicas.</summary>
    /// <param name="acksOnPolls">Each ack carried on the host's next poll, as the agent does; false: posted (<see cref="FleetOptions.AcksOnPolls"/>).</param>
    public SimulatedFleet(SimHost[] hosts, IReadOnlyList<Uri> servers, Failures failures, bool acksOnPolls) =>
        _hosts = [.. hosts.Select(h => new SimulatedHost(h, [.. servers.Skip(h.Index % servers.Count), .. servers.Take(h.Index % servers.Count)], _pool, _applied.Writer, failures, Completes, acksOnPolls))];

    public int Count => _hosts.Length;

    /// <summary>The hosts' complete-state polls open at once.</summary>
    public OpenCompletes Completes { get; } = new();

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

    /// <summary>
    /// Cancels every loop and waits for them; a loop still running after <see cref="StopTimeout"/>
    /// (every request it makes honours the cancellation, so none should) ends the run naming it.
    /// </summary>
    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }
        await _running.CancelAsync();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            var running = _hosts.Where((_, i) => !_loops[i].IsCompleted).Select(h => h.Describe()).Take(10);
            throw new TimeoutException($"the hosts' loops did not stop within {StopTimeout.TotalSeconds:0} s of being cancelled: {string.Join("; ", running)}");
        }
        _running.Dispose();
        _running = null;
    }

    /// <summary>The timeline of the host with this index (<see cref="SimHost.Index"/>).</summary>
    public HostTimeline Timeline(int index) => _hosts.First(h => h.Index == index).Timeline;

    /// <summary>Whether every host has its desired-state poll open.</summary>
    public bool AllPolling => _hosts.All(h => h.Polling);

    /// <summary>The hosts with no desired-state poll open, described (<see cref="SimulatedHost.Describe"/>), at most <paramref name="max"/>; "none" when every host polls.</summary>
    public string NotPolling(int max)
    {
        var missing = _hosts.Where(h => !h.Polling).ToArray();
        return missing.Length == 0 ? "none" : $"{missing.Length}: {string.Join("; ", missing.Take(max).Select(h => h.Describe()))}{(missing.Length > max ? "; …" : "")}";
    }

    /// <summary>Sets every host's <see cref="SimulatedHost.OutageExpected"/>.</summary>
    public void ExpectOutage(bool expected)
    {
        foreach (var host in _hosts)
        {
            host.OutageExpected = expected;
        }
    }

    /// <summary>Requests that found no server during an expected outage since the last call, over every host.</summary>
    public int TakeMoved() => _hosts.Sum(h => h.TakeMoved());

    /// <summary>Registrations sent again (and of those, answered with a 5xx) since the last call, over every host (<see cref="SimulatedHost.RegisterAsync"/>).</summary>
    public (int Retries, int ServerErrors) TakeRegisterRetries() =>
        _hosts.Select(h => h.TakeRegisterRetries()).Aggregate((Retries: 0, ServerErrors: 0), (sum, h) => (sum.Retries + h.Retries, sum.ServerErrors + h.ServerErrors));

    /// <summary>Complete states refused with 503 since the last call, over every host.</summary>
    public int TakeRefused() => _hosts.Sum(h => h.TakeRefused());

    /// <summary>Acks refused with 503 since the last call, over every host.</summary>
    public int TakeAcksRefused() => _hosts.Sum(h => h.TakeAcksRefused());

    /// <summary>The longest ack of any host since the last call (<see cref="SimulatedHost.TakeLongestAck"/>).</summary>
    public TimeSpan TakeLongestAck() => _hosts.Max(h => h.TakeLongestAck());

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
