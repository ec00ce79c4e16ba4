using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Client;

namespace HaVip.Bench.Fleet;

/// <summary>A steady rate of changes: how many were sent and done, their propagation, the server's CPU while they ran.</summary>
/// <param name="Elapsed">From the first change sent to the last one sent (the window the CPU is read over).</param>
/// <param name="ServerCpu">The server's user + system time over <paramref name="Elapsed"/>.</param>
/// <param name="Skipped">Ticks with every subnet busy with a change still in flight (none sent).</param>
/// <param name="Breakdown">Where the done changes' time went (<see cref="RateDriver"/>), all and the slowest 1 %.</param>
/// <param name="Writer">The one writer over the phase, by kind (<see cref="WriterLoad"/>).</param>
/// <param name="LatenciesMs">Request → the last needed host's ack: answered when posted, sent when carried on a poll.</param>
/// <param name="AvailableMs">Request → the HAVIP's <c>status available</c> event (<see cref="Availability"/>), per done change.</param>
internal sealed record RateRun(int Sent, IReadOnlyList<double> LatenciesMs, IReadOnlyList<double> AvailableMs, TimeSpan Elapsed, TimeSpan ServerCpu, int Skipped, int Refused, int AcksRefused,
    PhaseFailures Failures, string Breakdown, string Writer)
{
    /// <summary>Cores the server used on average: CPU time over wall time.</summary>
    public double Cores => ServerCpu / Elapsed;
}

/// <summary>
/// Changes at a steady rate, overlapping (the issue's "50 binding changes per second for 60 s"),
/// where <see cref="ChangeDriver"/> makes one at a time: every 1/rate s it binds instance 2 of a
/// random subnet with no change in flight to its HAVIP 0, or unbinds it, without waiting for the
/// API's answer. A change is done when every host carrying the subnet has acknowledged a state
/// whose HAVIP 0 shows it (the state the host held when it acked, so an ack of an older state
/// does not count); not done within 15 s, it is a failure naming the hosts, and the first few print
/// each missing host's timeline (<see cref="HostTimeline"/>). Late ticks are caught up, so the rate
/// holds on average on a loaded machine.
/// </summary>
internal sealed class RateDriver(HaVipApiClient admin, SeededSubnet[] subnets, ChannelReader<Applied> applied, Failures failures, Func<int, HostTimeline> timelines)
{
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How many changes not done in time print their missing hosts' timelines (the rest are counted per host).</summary>
    private const int Explained = 8;

    /// <summary>How far back before a change's request a missing host's timeline goes: its poll open then.</summary>
    private static readonly TimeSpan TimelineMargin = TimeSpan.FromSeconds(2);

    private readonly Random _random = new(31);
    private readonly Lock _lock = new();
    private readonly Dictionary<SeededSubnet, InFlight> _inFlight = [];
    private readonly List<double> _latencies = [];
    private readonly List<InFlight> _done = [];
    private readonly ILookup<int, SeededSubnet> _byHost = subnets.SelectMany(s => s.Hosts.Select(h => (h, s))).ToLookup(p => p.h, p => p.s);
    private readonly Dictionary<int, int> _missedBy = [];
    private readonly Dictionary<SeededSubnet, long> _doneAt = [];

    /// <summary>How long a subnet whose change is done rests before the next change to it (<see cref="Begin"/>).</summary>
    private static readonly TimeSpan Rest = TimeSpan.FromSeconds(1);
    private int _notDone;

    /// <summary>
    /// Sends <paramref name="rate"/> changes a second for <paramref name="duration"/>, then waits for
    /// the last ones; <paramref name="cpu"/> reads the server's CPU time at the window's two ends.
    /// </summary>
    public async Task<(int Sent, int Skipped, TimeSpan Elapsed, TimeSpan Cpu, IReadOnlyList<double> LatenciesMs, IReadOnlyList<double> AvailableMs, string Breakdown)> RunAsync(
        double rate, TimeSpan duration, Func<TimeSpan> cpu, CancellationToken ct)
    {
        while (applied.TryRead(out _))
        {
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var consumer = Task.Run(() => ConsumeAsync(stop.Token), CancellationToken.None);
        var sending = new List<Task>();
        var (sent, skipped) = (0, 0);
        var cpuAtStart = cpu();
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) is var elapsed && elapsed < duration)
        {
            // Catch up late ticks: the count follows the clock, not the timer's wake-ups.
            for (var due = (int)(elapsed.TotalSeconds * rate) + 1; sent + skipped < due;)
            {
                if (Begin() is { } change)
                {
                    sending.Add(SendAsync(change, ct));
                    sent++;
                }
                else
                {
                    skipped++;
                }
            }
            ExpireOverdue();
            await Task.Delay(TimeSpan.FromSeconds(1 / rate / 2), ct);
        }
        var window = Stopwatch.GetElapsedTime(start);
        var serverCpu = cpu() - cpuAtStart;
        await Task.WhenAll(sending);
        while (InFlightCount() > 0)
        {
            ExpireOverdue();
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
        await stop.CancelAsync();
        await consumer;
        var available = await AvailableAsync(ct);
        lock (_lock)
        {
            if (_notDone > 0)
            {
                Console.WriteLine($"{_notDone} change(s) not done within {ChangeTimeout.TotalSeconds:0} s; hosts missing (times): "
                    + string.Join(", ", _missedBy.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => $"hv{p.Key:D4} ×{p.Value}")));
            }
            return (sent, skipped, window, serverCpu, [.. _latencies], available, Breakdown());
        }
    }

    /// <summary>
    /// After the window (its reads cost the server nothing the phase measures): each done change's
    /// request → its HAVIP's <c>status available</c> event, from the HAVIP's timeline, 8 HAVIPs at a
    /// time. A change whose HAVIP a later change made creating again before it was available (its
    /// acks written after that change's commit) is timed to that later change's available (an upper
    /// bound) and counted; one whose HAVIP was not available within 15 s of its request is a failure.
    /// </summary>
    private async Task<IReadOnlyList<double>> AvailableAsync(CancellationToken ct)
    {
        InFlight[] done;
        lock (_lock)
        {
            done = [.. _done];
        }
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var superseded = 0;
        await Parallel.ForEachAsync(done, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (change, c) =>
        {
            var vip = change.Subnet.HaVipIds[0];
            var deadline = DateTime.UtcNow > change.RequestedAt + ChangeTimeout ? DateTime.UtcNow : change.RequestedAt + ChangeTimeout;
            if (await Availability.AvailableAtAsync(admin, vip, change.RequestedAt, deadline, c) is { } found)
            {
                times.Add((found.At - change.RequestedAt).TotalMilliseconds);
                if (found.Superseded)
                {
                    Interlocked.Increment(ref superseded);
                }
            }
            else
            {
                failures.Add($"change to subnet {change.Subnet.Id}: every host acked, and HAVIP {vip} not available within {ChangeTimeout.TotalSeconds:0} s of the request");
            }
        });
        if (superseded > 0)
        {
            Console.WriteLine($"{superseded} change(s) available only with a later change to their HAVIP (timed to that one's available event: an upper bound)");
        }
        return [.. times];
    }

    /// <summary>A change to a random subnet with none in flight, registered before its request goes out (its acks may come before the API's answer).</summary>
    private InFlight? Begin()
    {
        lock (_lock)
        {
            // A subnet done less than a second ago rests: its last acks may still be being written (acks on polls are not answered).
            var now = Stopwatch.GetTimestamp();
            var idle = subnets.Where(s => !_inFlight.ContainsKey(s) && !(_doneAt.TryGetValue(s, out var at) && Stopwatch.GetElapsedTime(at, now) < Rest)).ToArray();
            if (idle.Length == 0)
            {
                return null;
            }
            var subnet = idle[_random.Next(idle.Length)];
            subnet.ExtraBound = !subnet.ExtraBound;
            var change = new InFlight(subnet, subnet.ExtraBound, Stopwatch.GetTimestamp(), DateTime.UtcNow, [.. subnet.Hosts]);
            _inFlight[subnet] = change;
            return change;
        }
    }

    private async Task SendAsync(InFlight change, CancellationToken ct)
    {
        var (subnet, bind) = (change.Subnet, change.Bound);
        try
        {
            _ = bind
                ? await admin.AddInstanceAsync(subnet.HaVipIds[0], subnet.Extra, ct)
                : await admin.RemoveInstanceAsync(subnet.HaVipIds[0], subnet.Extra, ct);
            Volatile.Write(ref change.Answered, Stopwatch.GetTimestamp());
        }
        catch (Exception e) when (e is ApiProblemException or HttpRequestException or TaskCanceledException)
        {
            failures.Add($"change to subnet {subnet.Id}: {e.Message}");
            lock (_lock)
            {
                // Whether it committed is unknown; the run fails anyway, so its state only needs to stay plausible.
                _inFlight.Remove(subnet);
                subnet.ExtraBound = !bind;
            }
        }
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var a in applied.ReadAllAsync(ct))
            {
                Match(a);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Counts the ack for each change in flight on the host's subnets that its acked state shows.</summary>
    private void Match(Applied a)
    {
        lock (_lock)
        {
            foreach (var subnet in _byHost[a.Host])
            {
                if (!_inFlight.TryGetValue(subnet, out var change) || !change.Waiting.Contains(a.Host))
                {
                    continue;
                }
                var vip = a.State.HaVips.FirstOrDefault(v => v.Id == subnet.HaVipIds[0]);
                if (vip is not null && vip.InstanceIds.Contains(subnet.Extra) == change.Bound)
                {
                    change.Waiting.Remove(a.Host);
                    change.LastAnswer = Math.Max(change.LastAnswer, a.AnsweredAt);
                    if (change.Waiting.Count == 0)
                    {
                        _inFlight.Remove(subnet);
                        _doneAt[subnet] = a.At;
                        change.LastAck = a.At;
                        _done.Add(change);
                        _latencies.Add(Stopwatch.GetElapsedTime(change.Start, a.At).TotalMilliseconds);
                    }
                }
            }
        }
    }

    private void ExpireOverdue()
    {
        lock (_lock)
        {
            foreach (var change in _inFlight.Values.Where(c => Stopwatch.GetElapsedTime(c.Start) > ChangeTimeout).ToArray())
            {
                var missing = string.Join(", ", change.Waiting.Order().Select(h => $"hv{h:D4}"));
                failures.Add($"change to subnet {change.Subnet.Id}: no ack showing it within {ChangeTimeout.TotalSeconds:0} s from {missing}");
                _inFlight.Remove(change.Subnet);
                foreach (var host in change.Waiting)
                {
                    _missedBy[host] = _missedBy.GetValueOrDefault(host) + 1;
                }
                if (++_notDone <= Explained)
                {
                    Console.WriteLine(Explain(change));
                }
            }
        }
    }

    /// <summary>
    /// A change not done in time, with each missing host's timeline in milliseconds from the change's
    /// request: its polls (the version held, the answers and whether each shows the change) and acks.
    /// </summary>
    private string Explain(InFlight change)
    {
        var vipId = change.Subnet.HaVipIds[0];
        string Shows(DesiredStateDto answer) => answer.HaVips.FirstOrDefault(v => v.Id == vipId) is not { } vip ? "the HAVIP not in it"
            : vip.InstanceIds.Contains(change.Subnet.Extra) == change.Bound ? "shows the change" : "the HAVIP without the change";
        var answered = Volatile.Read(ref change.Answered);
        var api = answered == 0 ? "not answered" : $"answered at +{Stopwatch.GetElapsedTime(change.Start, answered).TotalMilliseconds:F0} ms";
        var hosts = change.Waiting.Order().Select(h => $"\n  hv{h:D4}: {timelines(h).Describe(change.Start, TimelineMargin, Shows)}");
        return $"{DateTime.UtcNow:HH:mm:ss} not done within {ChangeTimeout.TotalSeconds:0} s: {(change.Bound ? "binding" : "unbinding")} {change.Subnet.Extra} to {vipId} "
            + $"(subnet {change.Subnet.Id}; the API {api}; {change.Subnet.Hosts.Count - change.Waiting.Count} of {change.Subnet.Hosts.Count} hosts acked it); "
            + $"the missing hosts, ms from the request:{string.Concat(hosts)}";
    }

    private int InFlightCount()
    {
        lock (_lock)
        {
            return _inFlight.Count;
        }
    }

    /// <summary>
    /// Where the done changes' time went, from the request: until the API answered (the commit is
    /// inside it), until the last needed host's poll was answered with the change (wake-up, delta
    /// built and sent), until the last ack; medians over all of them and over the slowest 1 %.
    /// An API answer that came after the last ack counts at its own time.
    /// </summary>
    private string Breakdown()
    {
        if (_done.Count == 0)
        {
            return "no change done";
        }
        string Medians(IReadOnlyList<InFlight> changes)
        {
            double Median(Func<InFlight, long> at) =>
                changes.Select(c => Stopwatch.GetElapsedTime(c.Start, at(c)).TotalMilliseconds).Order().ElementAt((changes.Count - 1) / 2);
            return string.Create(CultureInfo.InvariantCulture,
                $"API answered {Median(c => Volatile.Read(ref c.Answered) is > 0 and var t ? t : c.LastAck):F1} / last poll answered {Median(c => c.LastAnswer):F1} / last ack {Median(c => c.LastAck):F1} ms");
        }
        var slowest = _done.OrderByDescending(c => c.LastAck - c.Start).Take(Math.Max(1, _done.Count / 100)).ToArray();
        return $"where the time went (medians): all {_done.Count} changes: {Medians(_done)}; the slowest {slowest.Length} (1 %): {Medians(slowest)}";
    }

    private sealed record InFlight(SeededSubnet Subnet, bool Bound, long Start, DateTime RequestedAt, HashSet<int> Waiting)
    {
        /// <summary>When the API answered the change (Stopwatch ticks; 0 until then).</summary>
        public long Answered;

        /// <summary>When the last needed host's poll was answered with the change, and when the last ack came (Stopwatch ticks).</summary>
        public long LastAnswer { get; set; }

        public long LastAck { get; set; }
    }
}
