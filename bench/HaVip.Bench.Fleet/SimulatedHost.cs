using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using HaVip.Agent.Sync;
using HaVip.Contracts.Agents;

namespace HaVip.Bench.Fleet;

/// <summary>
/// A host applied <see cref="State"/> and acknowledged it; <see cref="At"/> is when the ack's answer
/// came (an ack carried on the next poll: when that poll was sent, which answers only at the next
/// change), <see cref="AnsweredAt"/> when the poll's answer with the state came (Stopwatch ticks).
/// </summary>
internal readonly record struct Applied(int Host, long At, long Bytes, bool Complete, DesiredStateDto State, long AnsweredAt);

/// <summary>
/// One hypervisor's agent without a kernel: it registers, long-polls through the agent's own
/// client (<see cref="ServerClient"/>), merges deltas with the agent's merge
/// (<see cref="DesiredStates.Apply"/>), "applies" by keeping the state, and acknowledges each new
/// version: on its next poll (<c>applied=N</c>, sent again with each poll until an answer names
/// it), as the agent does, or posted (<c>--acks post</c>). A 503 with Retry-After, to a poll or to
/// an ack, is honoured as the agent honours it, a 409 PollReplaced is
/// paused on as the agent pauses; an answer that does not name the ack it carried, and anything else that fails, is a failure of the run.
/// </summary>
internal sealed class SimulatedHost : IDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(30);

    /// <summary>How long a registration is tried again before the run fails: a bound against a server that never takes it.</summary>
    private static readonly TimeSpan RegisterTimeout = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> NoErrors = [];

    private readonly SimHost _host;
    private readonly HttpClient[] _http;
    private readonly ResponseBytes _bytes;
    private readonly ServerClient _deltas;
    private readonly ServerClient _completes;
    private readonly ChannelWriter<Applied> _applied;
    private readonly Failures _failures;
    private readonly OpenCompletes _openCompletes;
    private readonly bool _acksOnPolls;
    private DesiredStateDto? _held;

    /// <summary>The applied version whose ack rides on the next poll; null when none is due.</summary>
    private long? _unacked;
    private bool _registered;
    private int _refused;
    private int _acksRefused;
    private int _replaced;
    private long _longestAckTicks;
    private int _moved;
    private int _registerRetries;
    private int _register5xx;
    private string? _lastTrouble;

    /// <param name="servers">The replicas in the order this host's agent tries them (its own first), as the agent's <c>--server</c> list.</param>
    /// <param name="completes">Every host's complete-state polls open at once (<see cref="OpenCompletes"/>).</param>
    public SimulatedHost(SimHost host, IReadOnlyList<Uri> servers, HttpMessageHandler shared, ChannelWriter<Applied> applied, Failures failures, OpenCompletes completes,
        bool acksOnPolls)
    {
        _acksOnPolls = acksOnPolls;
        _openCompletes = completes;
        _host = host;
        _bytes = new ResponseBytes(shared);
        // Not disposing the handler: it wraps the connection pool every host shares.
        _http = [.. servers.Select(server => new HttpClient(_bytes, disposeHandler: false) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan })];
        foreach (var http in _http)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Key);
        }
        _deltas = new ServerClient(_http, host.Name);
        _completes = new ServerClient(_http, host.Name, deltas: false);
        _applied = applied;
        _failures = failures;
    }

    /// <summary>Complete states the server refused (503, Retry-After) since the last call.</summary>
    public int TakeRefused() => Interlocked.Exchange(ref _refused, 0);

    /// <summary>Acks the server refused (503, Retry-After: its ack queue was full) since the last call.</summary>
    public int TakeAcksRefused() => Interlocked.Exchange(ref _acksRefused, 0);

    /// <summary>
    /// The longest an ack took since the last call, its Retry-After waits left out: how close the
    /// acks came to the agent's 10 s report timeout (a refused ack's attempts are summed, so it is
    /// an upper bound on one request's time).
    /// </summary>
    public TimeSpan TakeLongestAck() => TimeSpan.FromTicks(Interlocked.Exchange(ref _longestAckTicks, 0));

    /// <summary>Polls answered 409 PollReplaced (see <see cref="PollOnceAsync"/>), over the whole run.</summary>
    public int Replaced => Volatile.Read(ref _replaced);

    /// <summary>
    /// While set, a request that found no server (connection refused or reset: a replica killed)
    /// is the agent moving to its next replica, counted (<see cref="TakeMoved"/>), not a failure;
    /// an answer with a 5xx status or a timeout still is one.
    /// </summary>
    public bool OutageExpected { get; set; }

    /// <summary>Requests that found no server while <see cref="OutageExpected"/>, since the last call.</summary>
    public int TakeMoved() => Interlocked.Exchange(ref _moved, 0);

    /// <summary>
    /// Registers the host (PUT /agent/v1/hosts/{name}); the poll loop then does not. As the agent
    /// does, a registration that found no server or was answered with a 5xx is sent again after
    /// the agent's jittered back-off, to the next replica (<see cref="ServerClient"/> moves on);
    /// each retry is counted (<see cref="TakeRegisterRetries"/>). Still refused after
    /// <see cref="RegisterTimeout"/>: the last error ends the run.
    /// </summary>
    public async Task RegisterAsync(CancellationToken ct)
    {
        var backoff = new ReconnectBackoff(Random.Shared);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await _deltas.RegisterAsync(_host.Underlay, ct);
                _registered = true;
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && Stopwatch.GetElapsedTime(started) < RegisterTimeout
                && e is HttpRequestException { StatusCode: null or >= HttpStatusCode.InternalServerError } or IOException)
            {
                Interlocked.Increment(ref _registerRetries);
                if (e is HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError })
                {
                    Interlocked.Increment(ref _register5xx);
                }
                Trouble($"register: {e.GetType().Name}: {e.Message}");
                await Task.Delay(backoff.Next(), ct);
            }
        }
    }

    /// <summary>Registrations sent again since the last call, and how many of those had been answered with a 5xx (the rest found no server).</summary>
    public (int Retries, int ServerErrors) TakeRegisterRetries() => (Interlocked.Exchange(ref _registerRetries, 0), Interlocked.Exchange(ref _register5xx, 0));

    /// <summary>
    /// Polls until <paramref name="ct"/> is cancelled, asking for deltas or, as agents before them
    /// did, for complete states. <paramref name="fromScratch"/>: as a restarted agent, with no state held.
    /// </summary>
    public async Task RunAsync(bool deltas, bool fromScratch, CancellationToken ct)
    {
        if (fromScratch)
        {
            _held = null;
            _unacked = null;
        }
        var server = deltas ? _deltas : _completes;
        var backoff = new ReconnectBackoff(Random.Shared);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await PollOnceAsync(server, backoff, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Whatever else went wrong, the loop goes on (a loop that ended would be a host
                    // that never comes back, and a phase waiting for it would only time out).
                    Trouble($"loop: {e.GetType().Name}: {e.Message}");
                    _failures.Add($"{_host.Name}: {e.GetType().Name}: {e.Message}", "loop");
                    await Task.Delay(backoff.Next(), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>What the host is doing now (its open request) and the last thing that went wrong, for a phase that timed out waiting for it.</summary>
    public string Describe() =>
        $"{_host.Name}: {_bytes.Open ?? "no request open"}; last trouble: {Volatile.Read(ref _lastTrouble) ?? "none"}";

    /// <summary>Whether the host's desired-state poll is open now.</summary>
    public bool Polling => _bytes.Polling;

    public int Index => _host.Index;

    /// <summary>The host's latest polls and acks, for a change it did not acknowledge in time.</summary>
    public HostTimeline Timeline { get; } = new();

    private void Trouble(string what)
    {
        Volatile.Write(ref _lastTrouble, $"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
        Timeline.Add(what);
    }

    private async Task PollOnceAsync(ServerClient server, ReconnectBackoff backoff, CancellationToken ct)
    {
        // Which request failed: a failure names it, so a run tells timed-out acks from timed-out polls.
        var step = "register";
        try
        {
            if (!_registered)
            {
                await server.RegisterAsync(_host.Underlay, ct);
                _registered = true;
            }
            var carried = _unacked;
            step = _held is null ? "complete poll" : carried is null ? "poll" : "poll with ack";
            Timeline.Add((_held is null ? "complete poll opened" : $"poll after {_held.Sequence} opened") + (carried is { } c ? $", carrying ack {c}" : ""));
            DesiredStateDto? answer;
            using (_held is null ? _openCompletes.Enter() : null)
            {
                answer = await server.DesiredAsync(_held?.Sequence, LongPoll, ct, carried);
            }
            var answeredAt = Stopwatch.GetTimestamp();
            if (answer is null)
            {
                _failures.Add($"{_host.Name}: the server did not know the host", "unknown host");
                _registered = false;
                return;
            }
            if (carried is not null)
            {
                if (answer.AppliedTaken != carried)
                {
                    // The agent would post it; a bench run against a server before acks on polls asks for --acks post instead.
                    _failures.Add($"{_host.Name}: the answer to a poll carrying ack {carried} did not name it (a server before acks on polls: --acks post)", "ack on poll");
                }
                _unacked = null;
            }
            var bytes = _bytes.LastDesiredState;
            var state = DesiredStates.Apply(_held, answer);
            if (state is null)
            {
                _failures.Add($"{_host.Name}: a delta over {answer.BaseSequence}, held {_held?.Sequence}", "delta");
                _held = null;
                return;
            }
            // The answer as it came (a delta carries only the subnets it replaced), not the merged state: 1,000 hosts' timelines stay small.
            Timeline.Add(Answered(answer), answer);
            if ((_held is null || state.Sequence != _held.Sequence) && _acksOnPolls)
            {
                // The next poll, sent right after this, carries it; the server takes it before that poll waits.
                _unacked = state.Sequence;
                Timeline.Add($"ack {state.Sequence} on the next poll");
                _applied.TryWrite(new Applied(_host.Index, Stopwatch.GetTimestamp(), bytes, answer.BaseSequence is null, state, answeredAt));
            }
            else if (_held is null || state.Sequence != _held.Sequence)
            {
                step = "ack";
                // A refused ack is waited out and sent again inside, as the agent does: only its refusals are counted.
                var acking = Stopwatch.GetTimestamp();
                var waited = TimeSpan.Zero;
                Timeline.Add($"ack {state.Sequence} sent");
                await server.AckAsync(state.Sequence, NoErrors, ct, wait =>
                {
                    Interlocked.Increment(ref _acksRefused);
                    waited += wait;
                    Timeline.Add(string.Create(CultureInfo.InvariantCulture, $"ack {state.Sequence} refused (503), sent again in {wait.TotalSeconds:F1} s"));
                });
                Timeline.Add($"ack {state.Sequence} answered");
                NoteAck(Stopwatch.GetElapsedTime(acking) - waited);
                _applied.TryWrite(new Applied(_host.Index, Stopwatch.GetTimestamp(), bytes, answer.BaseSequence is null, state, answeredAt));
            }
            // Held only once acknowledged, as the agent does: an ack that failed is sent again after the next answer.
            _held = state;
            backoff.Reset();
        }
        catch (ServerBusyException e)
        {
            // Also when the bench stops the loops: the delay then ends the loop as cancelled.
            // A poll carrying an ack is refused for its ack (such a poll holds a state, so it asks for no complete one).
            Interlocked.Increment(ref step == "poll with ack" ? ref _acksRefused : ref _refused);
            Trouble($"{step}: 503, retry after {e.RetryAfter.TotalSeconds:0.#} s");
            await Task.Delay(e.Jittered(Random.Shared), ct);
        }
        catch (PollReplacedException)
        {
            // The poll this loop's previous run left behind (cancelled when the bench switched
            // modes) reached the server after the new one: the agent's pause, not a failure.
            Interlocked.Increment(ref _replaced);
            Trouble($"{step}: 409 PollReplaced");
            await Task.Delay(backoff.Next(), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or IOException or TaskCanceledException)
        {
            // Refused or reset: no server there. A timeout is a failure even then (a server that hangs is not one that went away).
            Trouble($"{step}: {e.GetType().Name}: {e.Message}");
            if (OutageExpected && e is HttpRequestException { StatusCode: null } or IOException)
            {
                Interlocked.Increment(ref _moved);
            }
            else
            {
                _failures.Add($"{_host.Name}: {step}: {e.GetType().Name}: {e.Message}", e is HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError } ? $"{step} 5xx" : step);
            }
            await Task.Delay(backoff.Next(), ct);
        }
    }

    /// <summary>An answer as the timeline shows it: its version, and for a delta what it was over and the subnets it replaced.</summary>
    private static string Answered(DesiredStateDto answer) =>
        answer.BaseSequence is not { } over ? $"answered {answer.Sequence}, complete"
        : answer.Sequence == over ? $"answered {answer.Sequence}, nothing new"
        : $"answered {answer.Sequence} over {over}, replacing [{string.Join(", ", answer.ReplacedSubnets ?? [])}]";

    private void NoteAck(TimeSpan took)
    {
        var seen = Interlocked.Read(ref _longestAckTicks);
        while (took.Ticks > seen && Interlocked.CompareExchange(ref _longestAckTicks, took.Ticks, seen) is var was && was != seen)
        {
            seen = was;
        }
    }

    public void Dispose()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }
    }
}
