namespace HaVip.Agent.Sync;

/// <summary>
/// The server answered a desired-state poll with 409 <c>PollReplaced</c>: a newer poll with this
/// agent's key took its place (a leftover poll of this agent, or another process with its key).
/// Not a server fault: the agent stays on the same server and polls again after a pause.
/// </summary>
internal sealed class PollReplacedException() : Exception("a newer desired-state poll with this agent key replaced this one");
