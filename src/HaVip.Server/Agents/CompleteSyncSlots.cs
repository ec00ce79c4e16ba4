using HaVip.Server.Persistence;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Agents;

/// <summary>
/// Bounds the complete desired states this replica computes at once
/// (<see cref="ServerOptions.MaxConcurrentCompleteSyncs"/>). A complete state reads every subnet
/// of its host; when a replica restarts, its agents come to the others all at once, each asking
/// for one. Beyond the bound a request is refused at once with 503 and a Retry-After, and the
/// agent comes back after it (jittered), rather than queueing here with a connection and a
/// database session held. Deltas never take a slot: they are the cheap steady state. Nor does a
/// complete state cut from what the replica keeps (<see cref="DesiredStateCache"/>): it reads
/// nothing, and the hosts a change woke, joining one read of their subnet, would otherwise each
/// hold a slot while they wait for it.
/// </summary>
public sealed class CompleteSyncSlots(IOptions<ServerOptions> options)
{
    private readonly int _max = Math.Max(1, options.Value.MaxConcurrentCompleteSyncs);
    private int _running;

    /// <summary>The Retry-After of a refused request (<see cref="ServerOptions.CompleteSyncRetryAfter"/>).</summary>
    public TimeSpan RetryAfter => options.Value.CompleteSyncRetryAfter;

    /// <summary>A slot, released by disposing it; null when every slot is taken.</summary>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref _running) > _max)
        {
            Interlocked.Decrement(ref _running);
            return null;
        }
        return new Slot(this);
    }

    private sealed class Slot(CompleteSyncSlots owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref owner._running);
            }
        }
    }
}
