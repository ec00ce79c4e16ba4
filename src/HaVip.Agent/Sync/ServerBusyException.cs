namespace HaVip.Agent.Sync;

/// <summary>
/// The server refused a complete desired state with 503 and a Retry-After: it computes as many as
/// it may at once (a reconnect storm). Not a server fault: the agent stays on the same server and
/// asks again after <see cref="RetryAfter"/>, jittered, instead of after its own short back-off.
/// </summary>
internal sealed class ServerBusyException(TimeSpan retryAfter) : Exception($"the server is busy with complete syncs; retry after {retryAfter.TotalSeconds:0.#} s")
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>
    /// At least <see cref="RetryAfter"/>, up to twice it: the agents a replica refused together
    /// come back spread over a whole Retry-After instead of all at its end.
    /// </summary>
    public TimeSpan Jittered(Random random) => RetryAfter * (1 + random.NextDouble());
}
