using System.Collections.Concurrent;
using System.Diagnostics;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>One probe of a <see cref="ProbeLoop"/>: when it was sent (on the loop's clock) and who answered (null: nobody).</summary>
internal readonly record struct ProbeAnswer(TimeSpan At, string? Answer)
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
/// A client connecting to the VIP's responder every <c>every</c> until disposed, recording who
/// answered: with <c>flush</c> it forgets its ARP entries before each probe (a fresh resolution,
/// the race of two answers), without it it keeps its cache (and follows every gratuitous ARP).
/// </summary>
internal sealed class ProbeLoop : IAsyncDisposable
{
    /// <summary>One SYN, no retransmission (1 s): a black-holed probe costs this, not more.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    private readonly ConcurrentQueue<ProbeAnswer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock;
    private readonly Task _loop;

    public ProbeLoop(TestBed bed, string client, string vip, TimeSpan every, bool flush, Stopwatch clock)
    {
        _clock = clock;
        _loop = Task.Run(() => RunAsync(bed, client, vip, every, flush));
    }

    /// <summary>The answers to probes sent at or after <paramref name="from"/> (and before <paramref name="to"/>, if given).</summary>
    public IReadOnlyList<ProbeAnswer> Between(TimeSpan from, TimeSpan? to = null) =>
        [.. _answers.Where(a => a.At >= from && (to is null || a.At < to))];

    private async Task RunAsync(TestBed bed, string client, string vip, TimeSpan every, bool flush)
    {
        while (!_stop.IsCancellationRequested)
        {
            var sent = _clock.Elapsed;
            if (flush)
            {
                await bed.FlushNeighboursAsync(client, CancellationToken.None);
            }
            _answers.Enqueue(new ProbeAnswer(sent, await bed.ProbeAsync(vip, Timeout, client)));
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
