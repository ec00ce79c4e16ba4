using System.Collections.Concurrent;
using System.Diagnostics;

using HaVip.Lab.Topology;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Probes;

/// <summary>
/// One probe of a <see cref="ProbeLoop"/>: when it was sent (on the loop's clock), who answered
/// (null: nobody) and when its exchange ended (the answer, or the timeout).
/// </summary>
public readonly record struct ProbeAnswer(TimeSpan At, string? Answer, TimeSpan Done)
{
    /// <summary>Consecutive equal answers as one run, e.g. "0.02-3.10 s havip-01 ×150, 3.12-3.40 s - ×1": what a failed assertion shows.</summary>
    public static string Runs(IReadOnlyList<ProbeAnswer> answers)
    {
        var runs = new List<string>();
        for (var start = 0; start < answers.Count;)
        {
            var end = start;
            while (end + 1 < answers.Count && answers[end + 1].Answer == answers[start].Answer)
            {
                end++;
            }
            runs.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{answers[start].At.TotalSeconds:F2}-{answers[end].At.TotalSeconds:F2} s {answers[start].Answer ?? "-"} ×{end - start + 1}"));
            start = end + 1;
        }
        return runs.Count == 0 ? "no probe" : string.Join(", ", runs);
    }
}

/// <summary>
/// A client (a namespace) connecting to the VIP's responder every <c>every</c> until disposed,
/// recording who answered: with <c>flush</c> it forgets its ARP entries before each probe (a fresh
/// resolution, the race of two answers), without it it keeps its cache (and follows every
/// gratuitous ARP). The end-to-end tests and the split-brain benchmark share it.
/// </summary>
public sealed class ProbeLoop : IAsyncDisposable
{
    /// <summary>One SYN, no retransmission (1 s): a black-holed probe costs this, not more.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    private readonly ConcurrentQueue<ProbeAnswer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock;
    private readonly Task _loop;
    private readonly NetnsCommands _netns = new(new CommandRunner());

    public ProbeLoop(string clientNetns, string vip, TimeSpan every, bool flush, Stopwatch clock)
    {
        _clock = clock;
        _loop = Task.Run(() => RunAsync(clientNetns, vip, every, flush));
    }

    /// <summary>A loop from the lab instance <paramref name="client"/>.</summary>
    public ProbeLoop(TestBed bed, string client, string vip, TimeSpan every, bool flush, Stopwatch clock)
        : this(bed.Names.Vm(client), vip, every, flush, clock)
    {
    }

    /// <summary>The answers to probes sent at or after <paramref name="from"/> (and before <paramref name="to"/>, if given).</summary>
    public IReadOnlyList<ProbeAnswer> Between(TimeSpan from, TimeSpan? to = null) =>
        [.. _answers.Where(a => a.At >= from && (to is null || a.At < to))];

    /// <summary>
    /// The answers to probes sent at or after <paramref name="from"/> whose whole exchange (flush,
    /// ARP, connection) ended before <paramref name="to"/>: a window closed by an event the test
    /// caused (a heal) excludes the probe that was still in flight when it happened.
    /// </summary>
    public IReadOnlyList<ProbeAnswer> Within(TimeSpan from, TimeSpan to) =>
        [.. _answers.Where(a => a.At >= from && a.Done < to)];

    private async Task RunAsync(string netns, string vip, TimeSpan every, bool flush)
    {
        while (!_stop.IsCancellationRequested)
        {
            var sent = _clock.Elapsed;
            if (flush)
            {
                await _netns.IpAsync(netns, CancellationToken.None, "neigh", "flush", "all");
            }
            var answer = await ResponderProbe.AskAsync(netns, vip, Timeout);
            _answers.Enqueue(new ProbeAnswer(sent, answer, _clock.Elapsed));
            // The probe period, not a wait for evidence: the loop samples at the client's pace.
            var rest = every - (_clock.Elapsed - sent);
            if (rest > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(rest, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
