using System.Diagnostics;
using System.Threading.Channels;
using HaVip.Contracts.Client;

namespace HaVip.Bench.Fleet;

/// <summary>
/// One measured change: the hosts that carry its subnet, the hosts that applied it, the answers'
/// bytes, request to available (the server's event, <see cref="Availability"/>); and where that time went, from the request: until the API answered
/// (the commit), until the last needed host's poll was answered (wake-up, delta built and sent),
/// the rest being that host's apply and ack and its write.
/// </summary>
internal readonly record struct ChangeSample(int Expected, int Woken, long Bytes, double LatencyMs, int CompleteAnswers, double ApiMs, double LastAnswerMs);

/// <summary>
/// Binds a random subnet's extra instance (<see cref="SeededSubnet.Extra"/>) to its HAVIP 0, or unbinds it again: a change that every
/// host carrying the subnet must apply, and no other host. Each change waits until all of those
/// hosts acknowledged a new state (the evidence), then the next one starts.
/// </summary>
internal sealed class ChangeDriver(HaVipApiClient admin, SeededSubnet[] subnets, ChannelReader<Applied> applied, Failures failures, Func<int, HostTimeline> timelines)
{
    /// <summary>Far beyond a healthy change (tens of milliseconds): a change not acked by then is a failure of the run, naming the hosts.</summary>
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(15);

    private readonly Random _random = new(29);

    /// <summary>Applies that arrived after their change was counted complete: hosts woken by a change that did not need them.</summary>
    public int Strays { get; private set; }

    /// <summary>
    /// The time runs from sending the API request (the commit is inside it) to the HAVIP's
    /// <c>status available</c> event, which the last needed host's ack wrote (read from its timeline
    /// once every host acked, posted or on a poll). Null when the change failed.
    /// </summary>
    public async Task<ChangeSample?> ChangeAsync(CancellationToken ct)
    {
        while (applied.TryRead(out _))
        {
            Strays++;
        }
        var subnet = subnets[_random.Next(subnets.Length)];
        var requestedAt = DateTime.UtcNow;
        var start = Stopwatch.GetTimestamp();
        long committed;
        try
        {
            _ = subnet.ExtraBound
                ? await admin.RemoveInstanceAsync(subnet.HaVipIds[0], subnet.Extra, ct)
                : await admin.AddInstanceAsync(subnet.HaVipIds[0], subnet.Extra, ct);
            committed = Stopwatch.GetTimestamp();
            subnet.ExtraBound = !subnet.ExtraBound;
        }
        catch (Exception e) when (e is ApiProblemException or HttpRequestException or TaskCanceledException)
        {
            failures.Add($"change to subnet {subnet.Id}: {e.Message}");
            return null;
        }
        return await AwaitAcksAsync(subnet, requestedAt, start, committed, ct);
    }

    private async Task<ChangeSample?> AwaitAcksAsync(SeededSubnet subnet, DateTime requestedAt, long start, long committed, CancellationToken ct)
    {
        var acks = new Dictionary<int, long>();
        var answers = new Dictionary<int, long>();
        long bytes = 0;
        var completes = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ChangeTimeout);
        while (!subnet.Hosts.All(acks.ContainsKey))
        {
            Applied a;
            try
            {
                a = await applied.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var missing = subnet.Hosts.Where(h => !acks.ContainsKey(h)).Order().ToArray();
                failures.Add($"change to subnet {subnet.Id}: no ack within {ChangeTimeout.TotalSeconds:0} s from {string.Join(", ", missing.Select(h => $"hv{h:D4}"))} ({acks.Count} host(s) acked)");
                // Where each missing host was: its polls and acks, in ms from the change's request (answers show their versions).
                Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} change to subnet {subnet.Id} not acked within {ChangeTimeout.TotalSeconds:0} s; the missing hosts, ms from the request:"
                    + string.Concat(missing.Take(8).Select(h => $"\n  hv{h:D4}: {timelines(h).Describe(start, TimeSpan.FromSeconds(2))}")));
                return null;
            }
            bytes += a.Bytes;
            completes += a.Complete ? 1 : 0;
            acks.TryAdd(a.Host, a.At);
            answers.TryAdd(a.Host, a.AnsweredAt);
        }
        if (await Availability.AvailableAtAsync(admin, subnet.HaVipIds[0], requestedAt, requestedAt + ChangeTimeout, ct) is not { At: var available })
        {
            failures.Add($"change to subnet {subnet.Id}: every host acked, and HAVIP {subnet.HaVipIds[0]} not available within {ChangeTimeout.TotalSeconds:0} s of the request");
            return null;
        }
        return new ChangeSample(subnet.Hosts.Count, acks.Count, bytes, (available - requestedAt).TotalMilliseconds, completes,
            Stopwatch.GetElapsedTime(start, committed).TotalMilliseconds, Stopwatch.GetElapsedTime(start, subnet.Hosts.Max(h => answers[h])).TotalMilliseconds);
    }
}
