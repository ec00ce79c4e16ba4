using System.Collections.Concurrent;

namespace HaVip.Server.Agents;

/// <summary>
/// One waiting desired-state poll per agent key (per replica): a new poll with the same key
/// replaces the one waiting, which then answers at once with 409 <c>PollReplaced</c>. An agent
/// polls one at a time, so the only second poll is a leftover of its own (a connection it gave up
/// on) or another process using its key; either way no key can hold more than one request open.
/// The polls waiting are the agents attached to this replica (<c>havip_agent_polls_waiting</c>):
/// when a replica stops, its count moves to the others as its agents reconnect.
/// </summary>
public sealed class LongPollSlots
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>Takes the key's slot; the lease's token is cancelled when a later poll takes it.</summary>
    public Lease Enter(string keyId)
    {
        var mine = new CancellationTokenSource();
        CancellationTokenSource? previous = null;
        _waiting.AddOrUpdate(keyId, mine, (_, old) =>
        {
            previous = old;
            return mine;
        });
        try
        {
            previous?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The previous poll finished meanwhile: there was nothing left to replace.
        }
        return new Lease(this, keyId, mine);
    }

    /// <summary>How many keys have a poll waiting (for tests and metrics).</summary>
    public int Waiting => _waiting.Count;

    public sealed class Lease(LongPollSlots slots, string keyId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Replaced => source.Token;

        public bool WasReplaced => source.IsCancellationRequested;

        public void Dispose()
        {
            slots._waiting.TryRemove(KeyValuePair.Create(keyId, source));
            source.Dispose();
        }
    }
}
