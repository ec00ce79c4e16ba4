using HaVip.Domain.Errors;
using HaVip.Server.Http;
using HaVip.Server.Persistence;

namespace HaVip.Server.Agents;

/// <summary>The agents' long-poll for desired state.</summary>
internal static class DesiredStateEndpoint
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Answers at once when the state is newer than <paramref name="after"/>; otherwise when it
    /// changes or <paramref name="wait"/> passes, or with 409 <c>PollReplaced</c> when a newer poll
    /// with the same key takes this one's place (<see cref="LongPollSlots"/>).
    /// </summary>
    public static async Task<IResult> GetAsync(string host, long? after, double? wait, DesiredStateQuery query,
        ChangeSignal signal, HostDirectory hosts, HostSightings sightings, LongPollSlots slots, ChangeTraces traces, IHostApplicationLifetime lifetime, HttpContext context, CancellationToken ct)
    {
        if (wait is { } seconds && !(seconds >= 0 && seconds <= MaxWait.TotalSeconds))
        {
            // Written so that NaN fails it too.
            return ProblemWriter.Result(context, ErrorCode.InvalidParameter, $"wait must be a number of seconds from 0 to {MaxWait.TotalSeconds:0}.", "wait");
        }
        if (!await hosts.IsRegisteredAsync(host, ct))
        {
            return ProblemWriter.Result(context, ErrorCode.NotFound, $"host {host} is not registered; PUT /agent/v1/hosts/{host} first.");
        }
        var sequence = await query.SequenceAsync(ct);
        if (after is null || sequence > after || wait is not > 0)
        {
            return Results.Ok(await BuildAsync(query, traces, host, after, sequence, ct));
        }
        using var slot = slots.Enter(context.Caller().KeyId);
        // A stopping server answers its long-polls at once instead of holding shutdown for them.
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping, slot.Replaced);
        expiry.CancelAfter(TimeSpan.FromSeconds(wait.Value));
        while (true)
        {
            var changed = signal.Next;
            // A waiting poll is a live agent: without this a host would look stale during a 30 s wait.
            await sightings.SeenAsync(host, ct);
            sequence = await query.SequenceAsync(ct);
            if (slot.WasReplaced)
            {
                return ProblemWriter.Result(context, ErrorCode.PollReplaced, "a newer desired-state poll with this agent key replaced this one; poll again after a pause.");
            }
            if (sequence > after || expiry.IsCancellationRequested)
            {
                return Results.Ok(await BuildAsync(query, traces, host, after, sequence, ct));
            }
            try
            {
                // The signal only hears this process's commits; re-reading the sequence every
                // RecheckInterval also catches changes another replica committed.
                await changed.WaitAsync(RecheckInterval, expiry.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The wait ran out or the poll was replaced: the loop answers accordingly.
            }
        }
    }

    /// <summary>The host's state, naming the changes since <paramref name="after"/> whose traces its apply joins.</summary>
    private static async Task<Contracts.Agents.DesiredStateDto> BuildAsync(DesiredStateQuery query, ChangeTraces traces, string host, long? after, long sequence, CancellationToken ct) =>
        await query.BuildAsync(host, sequence, ct) with { TraceParents = traces.Between(after, sequence) };
}
