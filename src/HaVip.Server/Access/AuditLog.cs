using System.Threading.Channels;
using HaVip.Domain.Accounts;

namespace HaVip.Server.Access;

/// <summary>
/// Changes wait here for <see cref="AuditWriter"/>, which stores them in batches: one audit row
/// per change written in the change's own request would halve write throughput on SQLite. The
/// queue is bounded: under a write load the database cannot keep up with, a request waits for
/// room (back-pressure) rather than the queue growing without limit.
/// </summary>
public sealed class AuditLog
{
    private readonly Channel<AuditEntry> _pending;
    private long _queued;
    private long _stored;
    private long _waits;

    public AuditLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _pending = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Entries waiting to be stored.</summary>
    public int Depth => _pending.Reader.Count;

    /// <summary>How many times a request found the queue full and waited.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    internal ChannelReader<AuditEntry> Pending => _pending.Reader;

    public async ValueTask RecordAsync(AuditEntry entry, CancellationToken ct)
    {
        if (!_pending.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _waits);
            await _pending.Writer.WriteAsync(entry, ct);
        }
        Interlocked.Increment(ref _queued);
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
