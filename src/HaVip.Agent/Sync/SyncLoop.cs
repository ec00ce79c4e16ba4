using System.Diagnostics;
using HaVip.Agent.Arp;
using HaVip.Contracts.Agents;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Sync;

/// <summary>
/// Pull, apply, ack, forever. Long-polls the server for what changed since the state it holds
/// (a complete state at start, and whenever the server cannot tell the changes); on an outage it
/// backs off and resumes from the last applied sequence. An incomplete apply (a port missing)
/// is retried every <see cref="RetryWhileIncomplete"/> until it succeeds, and acked again.
/// An apply without errors is acknowledged on the next poll (<c>applied=N</c>: one request a
/// change, not two), sent again with every poll until an answer names it; an apply with errors is
/// posted with them. A server whose answer does not name the ack it carried (one before acks on polls)
/// gets that ack posted, and every ack after it until the agent registers again.
/// Without <paramref name="arbitration"/> the platform's decisions are left out of what is applied
/// (<c>--arbitration off</c>): the data plane follows claims, as before split-brain arbitration.
/// Without <paramref name="silence"/> the silence rule's advert sources are left out (<c>--arbitration decisions</c>).
/// </summary>
internal sealed partial class SyncLoop(ServerClient server, StateApplier applier, PortWatchers watchers, string underlayIp, ILogger<SyncLoop> logger,
    ServerContact? contact = null, DecisionAnnouncer? announcer = null, bool arbitration = true, bool silence = true)
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryWhileIncomplete = TimeSpan.FromSeconds(1);
    private static readonly Dictionary<string, string> NoErrors = [];

    /// <summary>An apply without errors whose ack rides on the next poll, with the apply's trace.</summary>
    private (long Sequence, ActivityContext Apply)? _unacked;
    private bool _acksOnPolls = true;

    public async Task RunAsync(CancellationToken ct)
    {
        var registered = false;
        DesiredStateDto? held = null;
        ApplyOutcome? last = null;
        var backoff = new ReconnectBackoff(Random.Shared);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!registered)
                {
                    await server.RegisterAsync(underlayIp, ct);
                    registered = true;
                    _acksOnPolls = true;
                    LogRegistered(underlayIp);
                }
                var wait = last is { Complete: false } ? RetryWhileIncomplete : LongPoll;
                contact?.PollStarted(wait);
                DesiredStateDto? answer;
                using (_unacked is { } carried ? ApplyTracing.StartAck(carried.Apply, carried.Sequence) : null)
                {
                    answer = await server.DesiredAsync(held?.Sequence, wait, ct, _unacked?.Sequence);
                }
                contact?.PollEnded(answered: true);
                if (answer is null)
                {
                    registered = false;
                    continue;
                }
                await SettleCarriedAckAsync(answer, ct);
                // A delta over another state than the one held (a server that forgot): start again from a complete one.
                var state = Arbitrated(DesiredStates.Apply(held, answer));
                if (state is null)
                {
                    LogDeltaMismatch(answer.BaseSequence ?? 0, held?.Sequence ?? 0);
                    held = null;
                    continue;
                }
                if (last is null || state.Sequence != last.Sequence || !last.Complete)
                {
                    last = await ApplyAndAckAsync(state, ct);
                    Announce(held, state, ct);
                }
                held = state;
                backoff.Reset();
            }
            catch (ServerBusyException e) when (!ct.IsCancellationRequested)
            {
                contact?.PollEnded(answered: true);
                // The server said when: its Retry-After, jittered, not this agent's short back-off.
                var delay = e.Jittered(Random.Shared);
                LogServerBusy(delay.TotalMilliseconds);
                await Task.Delay(delay, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or PollReplacedException && !ct.IsCancellationRequested)
            {
                contact?.PollEnded(answered: e is PollReplacedException);
                // A replaced poll backs off like an outage: two processes sharing a key then
                // take turns slowly instead of replacing each other in a tight loop.
                var delay = backoff.Next();
                if (e is PollReplacedException)
                {
                    LogPollReplaced(delay.TotalMilliseconds);
                }
                else
                {
                    LogServerUnavailable(e.Message, delay.TotalMilliseconds);
                }
                await Task.Delay(delay, ct);
            }
        }
    }

    private DesiredStateDto? Arbitrated(DesiredStateDto? state) =>
        state is null || (arbitration && silence) ? state
            : state with { HaVips = [.. state.HaVips.Select(v => v with { Decision = arbitration ? v.Decision : null, Vrrp = null })] };

    /// <summary>After the apply, so the drop rule already stands when the clients are repointed.</summary>
    private void Announce(DesiredStateDto? before, DesiredStateDto after, CancellationToken ct)
    {
        if (announcer is not null && DecisionAnnouncer.Changes(before, after) is { Count: > 0 } changes)
        {
            _ = announcer.AnnounceAsync(changes, ct);
        }
    }

    /// <summary>
    /// The ack the poll carried is done with once the poll is answered: taken when the answer names
    /// it; else the server is one before acks on polls, which ignored it: posted now, and every ack
    /// after it until the agent registers again.
    /// </summary>
    private async Task SettleCarriedAckAsync(DesiredStateDto answer, CancellationToken ct)
    {
        if (_unacked is not { } carried)
        {
            return;
        }
        if (answer.AppliedTaken != carried.Sequence)
        {
            _acksOnPolls = false;
            LogAcksPosted(carried.Sequence);
            await PostAckAsync(carried.Sequence, NoErrors, ct);
        }
        _unacked = null;
    }

    private async Task<ApplyOutcome> ApplyAndAckAsync(DesiredStateDto state, CancellationToken ct)
    {
        // A posted ack goes inside the apply's activity: its request carries the same trace (an ack on the next poll, in an activity of its own under it).
        using var activity = ApplyTracing.StartApply(state);
        var started = Stopwatch.GetTimestamp();
        var outcome = await applier.ApplyAsync(state, ct);
        activity?.SetTag("havip.apply.complete", outcome.Complete);
        watchers.Update(ClaimTable.From(state));
        var applied = Stopwatch.GetTimestamp();
        if (outcome.Errors.Count == 0 && _acksOnPolls)
        {
            _unacked = (state.Sequence, activity?.Context ?? default);
        }
        else
        {
            _unacked = null;
            await PostAckAsync(state.Sequence, outcome.Errors, ct);
        }
        if (outcome.Complete)
        {
            LogApplied(state.Sequence, state.Ports.Count, state.HaVips.Count, outcome.RulesChanged,
                Stopwatch.GetElapsedTime(started, applied).TotalMilliseconds,
                _unacked is null ? $"{Stopwatch.GetElapsedTime(applied).TotalMilliseconds:0.0} ms" : "on the next poll");
        }
        else
        {
            LogIncomplete(state.Sequence, string.Join("; ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}")));
        }
        return outcome;
    }

    private Task PostAckAsync(long sequence, IReadOnlyDictionary<string, string> errors, CancellationToken ct) =>
        server.AckAsync(sequence, errors, ct, wait =>
        {
            // A refusal is an answer: the server is there, only busy.
            contact?.PollEnded(answered: true);
            LogAckRefused(sequence, wait.TotalMilliseconds);
        });

    [LoggerMessage(LogLevel.Warning, "the server sent changes since {Base}, this agent holds {Held}; asking for a complete state")]
    private partial void LogDeltaMismatch(long @base, long held);

    [LoggerMessage(LogLevel.Information, "registered with underlay {Underlay}")]
    private partial void LogRegistered(string underlay);

    [LoggerMessage(LogLevel.Information, "applied change {Sequence}: {Ports} port(s), {HaVips} HAVIP(s), rules changed: {Changed}; apply {ApplyMs:0.0} ms, ack {Ack}")]
    private partial void LogApplied(long sequence, int ports, int haVips, bool changed, double applyMs, string ack);

    [LoggerMessage(LogLevel.Information, "the server did not take the ack of change {Sequence} carried on a poll (a server before acks on polls): posting it, and acks from now on")]
    private partial void LogAcksPosted(long sequence);

    [LoggerMessage(LogLevel.Warning, "change {Sequence} applied with errors: {Errors}")]
    private partial void LogIncomplete(long sequence, string errors);

    [LoggerMessage(LogLevel.Warning, "a newer desired-state poll with this agent's key replaced ours (is another agent running with this key?); polling again in {DelayMs} ms")]
    private partial void LogPollReplaced(double delayMs);

    [LoggerMessage(LogLevel.Information, "the server is busy with complete syncs; asking again in {DelayMs} ms, as its Retry-After says")]
    private partial void LogServerBusy(double delayMs);

    [LoggerMessage(LogLevel.Information, "the server is busy writing acks; sending the ack of change {Sequence} again in {DelayMs} ms, as its Retry-After says")]
    private partial void LogAckRefused(long sequence, double delayMs);

    [LoggerMessage(LogLevel.Warning, "server unavailable ({Reason}); retrying in {DelayMs} ms")]
    private partial void LogServerUnavailable(string reason, double delayMs);
}
