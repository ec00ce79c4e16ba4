using System.Diagnostics;
using HaVip.Contracts.Agents;
using HaVip.Domain.Errors;
using HaVip.Server.Http;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HaVip.Server.Agents;

/// <summary>The agents' long-poll for desired state.</summary>
internal static class DesiredStateEndpoint
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> NoErrors = [];

    /// <summary>
    /// Answers at once when a change after <paramref name="after"/> touched this host (a subnet it
    /// carries, or the host itself; see <see cref="DesiredStateFeed"/>); otherwise when one does or
    /// <paramref name="wait"/> passes, or with 409 <c>PollReplaced</c> when a newer poll with the
    /// same key takes this one's place (<see cref="LongPollSlots"/>). A wait that runs out
    /// answers with <paramref name="after"/> itself: nothing of this host changed since. With
    /// <paramref name="delta"/>, the answer carries only the subnets changed since
    /// <paramref name="after"/> (<see cref="DesiredStates.Apply"/>), unless that is unknown here.
    /// A complete answer that must read the database needs one of the replica's
    /// <see cref="CompleteSyncSlots"/>: 503 with Retry-After when none is free.
    /// <paramref name="applied"/> is an acknowledgement carried on the poll ("everything up to N applied,
    /// no errors": what <c>POST …/applied</c> takes, one request fewer a change): taken before
    /// anything else, and named in the answer (<see cref="DesiredStateDto.AppliedTaken"/>); refused as the POST
    /// refuses it, with 503 and Retry-After (nothing polled: the agent sends the poll again, with it).
    /// </summary>
    public static async Task<IResult> GetAsync(string host, long? after, double? wait, bool? delta, long? applied, DesiredStateQuery query, DesiredStateFeed feed,
        HostDirectory hosts, HostSightings sightings, LongPollSlots slots, CompleteSyncSlots completes, ChangeTraces traces, AwaitedAcks awaited,
        ReportBatcher reports, IHostApplicationLifetime lifetime, HttpContext context, CancellationToken ct)
    {
        if (wait is { } seconds && !(seconds >= 0 && seconds <= MaxWait.TotalSeconds))
        {
            // Written so that NaN fails it too.
            return ProblemWriter.Result(context, ErrorCode.InvalidParameter, $"wait must be a number of seconds from 0 to {MaxWait.TotalSeconds:0}.", "wait");
        }
        if (applied is < 0)
        {
            return ProblemWriter.Result(context, ErrorCode.InvalidParameter, "applied must be a change number, 0 or more.", "applied");
        }
        if (!await hosts.IsRegisteredAsync(host, ct))
        {
            return ProblemWriter.Result(context, ErrorCode.NotFound, $"host {host} is not registered; PUT /agent/v1/hosts/{host} first.");
        }
        // The wait runs from the poll's arrival, its ack's write included: the agent's timeout is the wait and 10 s.
        var arrived = Stopwatch.GetTimestamp();
        if (applied is { } ack && await reports.AppliedAsync(new HostApplied(host, ack, NoErrors), ct) is { } retry)
        {
            RetryAfter.Set(context, retry);
            return ProblemWriter.Result(context, ErrorCode.Unavailable,
                "this server's acknowledgements queue is longer than it can write in time; send the poll again, with its ack, after the Retry-After header's seconds.");
        }
        var left = wait is { } asked ? Math.Max(0, asked - Stopwatch.GetElapsedTime(arrived).TotalSeconds) : (double?)null;
        var answer = await AnswerAsync(host, after, wait, left, delta, query, feed, sightings, slots, completes, traces, awaited, lifetime, context, ct);
        return applied is null || answer is not Ok<DesiredStateDto> { Value: { } state } ? answer : TypedResults.Ok(state with { AppliedTaken = applied });
    }

    private static async Task<IResult> AnswerAsync(string host, long? after, double? wait, double? left, bool? delta, DesiredStateQuery query, DesiredStateFeed feed,
        HostSightings sightings, LongPollSlots slots, CompleteSyncSlots completes, ChangeTraces traces, AwaitedAcks awaited,
        IHostApplicationLifetime lifetime, HttpContext context, CancellationToken ct)
    {
        if (after is not { } held || (wait is not > 0 && delta is not true))
        {
            return await CompleteAsync(query, traces, completes, context, host, after, () => query.SequenceAsync(ct), ct);
        }
        var scopes = await query.ScopesAsync(host, held, ct);
        var touched = true;
        if (wait is > 0)
        {
            using var slot = slots.Enter(context.Caller().KeyId);
            // A stopping server answers its long-polls at once instead of holding shutdown for them.
            using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping, slot.Replaced);
            expiry.CancelAfter(TimeSpan.FromSeconds(left ?? wait.Value));
            touched = await WaitAsync(feed.WaitAsync(scopes, held, expiry.Token), host, sightings, ct);
            if (slot.WasReplaced)
            {
                return ProblemWriter.Result(context, ErrorCode.PollReplaced, "a newer desired-state poll with this agent key replaced this one; poll again after a pause.");
            }
        }
        if (delta is true && await DeltaAsync(query, feed, traces, host, held, touched ? scopes : null, ct) is { } part)
        {
            if (part.ReplacedSubnets is { Count: > 0 })
            {
                awaited.Sent(host, part.Sequence);
            }
            return TypedResults.Ok(part);
        }
        return await CompleteAsync(query, traces, completes, context, host, after,
            async () => touched ? Math.Max(held, await query.SequenceAsync(ct)) : held, ct);
    }

    /// <summary>
    /// A complete state numbered by <paramref name="sequence"/> (read before the state: data newer than
    /// the number only makes an ack conservative). From what the replica keeps when that suffices
    /// (<see cref="DesiredStateQuery.TryBuildKeptAsync"/>: no read, no slot); else built in one of
    /// the replica's slots for them, 503 with Retry-After when none is free.
    /// </summary>
    private static async Task<IResult> CompleteAsync(DesiredStateQuery query, ChangeTraces traces, CompleteSyncSlots completes, HttpContext context,
        string host, long? after, Func<Task<long>> sequence, CancellationToken ct)
    {
        var number = await sequence();
        if (await query.TryBuildKeptAsync(host, number, ct) is { } kept)
        {
            return TypedResults.Ok(kept with { TraceParents = traces.Between(after, number) });
        }
        using var slot = completes.TryEnter();
        if (slot is null)
        {
            RetryAfter.Set(context, completes.RetryAfter);
            return ProblemWriter.Result(context, ErrorCode.Unavailable,
                "this server computes as many complete desired states as it may at once; ask again after the Retry-After header's seconds.");
        }
        return TypedResults.Ok(await BuildAsync(query, traces, host, after, number, ct));
    }

    /// <summary>
    /// The changes since <paramref name="held"/>, as far as this replica has read them: the
    /// entries of the subnets they touched among <paramref name="touchedScopes"/> (the host's;
    /// null when nothing touched it: an empty delta). Null (a complete state is due) when the host's own
    /// instances changed (its set of subnets may have) or the feed's history no longer reaches back to <paramref name="held"/>.
    /// </summary>
    private static async Task<DesiredStateDto?> DeltaAsync(DesiredStateQuery query, DesiredStateFeed feed, ChangeTraces traces,
        string host, long held, IReadOnlyCollection<string>? touchedScopes, CancellationToken ct)
    {
        if (touchedScopes is null)
        {
            return new DesiredStateDto(host, held, [], [], [], BaseSequence: held, ReplacedSubnets: []);
        }
        // The number first, then what changed up to it, then the data (never older than the number).
        var sequence = Math.Max(held, feed.Seen);
        var changed = feed.ScopesBetween(held, sequence);
        if (changed is null || changed.Contains(ChangeScopeRow.Host(host)))
        {
            return null;
        }
        var subnets = changed.Where(ChangeScopeRow.IsSubnet).Select(ChangeScopeRow.SubnetOf).ToHashSet(StringComparer.Ordinal);
        // The host's subnets are the ones it had at the poll's start: they change only with its instances (a host scope).
        subnets.IntersectWith(touchedScopes.Where(ChangeScopeRow.IsSubnet).Select(ChangeScopeRow.SubnetOf));
        var part = await BuildAsync(query, traces, host, held, sequence, ct, subnets);
        return part with { BaseSequence = held, ReplacedSubnets = [.. subnets.Order(StringComparer.Ordinal)] };
    }

    /// <summary>True when the feed woke the poll; false when it expired, was replaced or the server stops.</summary>
    private static async Task<bool> WaitAsync(Task woken, string host, HostSightings sightings, CancellationToken ct)
    {
        // A waiting poll is a live agent: without this a host would look stale during a 30 s wait.
        using var waiting = sightings.Waiting(host);
        try
        {
            await woken.WaitAsync(ct);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The host's state, naming the changes since <paramref name="after"/> whose traces its apply joins.</summary>
    private static async Task<DesiredStateDto> BuildAsync(DesiredStateQuery query, ChangeTraces traces, string host, long? after, long sequence,
        CancellationToken ct, IReadOnlySet<string>? only = null) =>
        await query.BuildAsync(host, sequence, ct, only) with { TraceParents = traces.Between(after, sequence) };
}
