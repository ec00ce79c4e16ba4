using System.Threading.Channels;
using HaVip.Domain.Accounts;

namespace HaVip.Server.Access;

/// <summary>
/// Changes wait here for <see cref="AuditWriter"/>, which stores them in batches: one audit row
/// per change written in the change's own request would halve write throughput on SQLite.
/// </summary>
public sealed class AuditLog
{
    private readonly Channel<AuditEntry> _pending = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions { SingleReader = true });
    private long _queued;
    private long _stored;

    internal ChannelReader<AuditEntry> Pending => _pending.Reader;

    public void Record(AuditEntry entry)
    {
        Interlocked.Increment(ref _queued);
        _pending.Writer.TryWrite(entry);
    }

    internal void Stored(int count) => Interlocked.Add(ref _stored, count);

    /// <summary>Waits until everything recorded before the call is stored, so a reader sees its own changes.</summary>
    public async Task FlushAsync(TimeSpan limit, CancellationToken ct)
    {
        var target = Interlocked.Read(ref _queued);
        var deadline = DateTime.UtcNow + limit;
        while (Interlocked.Read(ref _stored) < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, ct);
        }
    }
}
