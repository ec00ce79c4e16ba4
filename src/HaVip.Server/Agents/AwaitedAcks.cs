using System.Collections.Concurrent;

namespace HaVip.Server.Agents;

/// <summary>
/// Per replica, the hosts it answered with a delta that replaced subnets, and that answer's
/// number. Such a host's ack of it nearly always settles a row: the change that touched the
/// subnet required it of the subnet's hosts, the very hosts it woke. So that ack goes to the write
/// without asking the database first whether it settles anything
/// (<see cref="ReportWriter.SettleableRowsAsync"/>), a read per ack in the steady state, in front
/// of the batch's read of the same rows. Only a "yes" comes from here; a host not listed is read
/// as before. A wrong entry costs a write that finds nothing to settle (and, as every write, may be
/// refused with Retry-After), never a lost ack; an ack through another replica reads there.
/// </summary>
public sealed class AwaitedAcks
{
    private readonly ConcurrentDictionary<string, long> _sent = new(StringComparer.Ordinal);

    /// <summary>This replica sent <paramref name="host"/> a delta numbered <paramref name="sequence"/> that replaced subnets.</summary>
    public void Sent(string host, long sequence) => _sent.AddOrUpdate(host, sequence, (_, old) => Math.Max(old, sequence));

    /// <summary>
    /// Whether an ack of <paramref name="acknowledged"/> covers the last such delta sent to the host;
    /// the entry is taken then, so the host's next ack that no delta announced is read again.
    /// </summary>
    public bool TryTake(string host, long acknowledged) =>
        _sent.TryGetValue(host, out var sent) && acknowledged >= sent && _sent.TryRemove(KeyValuePair.Create(host, sent));
}
