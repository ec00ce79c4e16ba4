namespace HaVip.Agent.Sync;

/// <summary>
/// The server refused a request with 503 and a Retry-After: a complete desired state (it computes
/// as many as it may at once, a reconnect storm) or an ack (its queue of acks is longer than it can
/// write in time). Not a server fault: the agent stays on the same server and asks again after
/// <see cref="RetryAfter"/>, jittered, instead of after its own short back-off.
/// </summary>
internal sealed class ServerBusyException(TimeSpan retryAfter) : Exception($"the server is busy; retry after {retryAfter.TotalSeconds:0.#} s")
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>
    /// At least <see cref="RetryAfter"/>, up to twice it: the agents a replica refused together
    /// come back spread over a whole Retry-After instead of all at its end.
    /// </summary>
    public TimeSpan Jittered(Random random) => RetryAfter * (1 + random.NextDouble());
}
