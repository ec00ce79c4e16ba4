using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Agents;

/// <summary>
/// The server's intake of hosts' reports: holders, acknowledgements and VRRP observations each in their own lane
/// (a burst of acks never delays a holder), each batch one transaction that enters the write
/// gate ahead of API writes. One per process. Acks are coalesced per host and refused when their
/// queue is too long (<see cref="ServerOptions.AckQueueBudget"/>); holders and VRRP adverts are
/// never refused: they carry failovers, and they are small.
/// </summary>
public sealed class ReportBatcher
{
    private readonly ReportLane<HolderSeen> _holders;
    private readonly ReportLane<HostApplied> _acks;
    private readonly ReportLane<VrrpSeen> _vrrp;

    private readonly IServiceScopeFactory _scopes;
    private readonly AwaitedAcks _awaited;
    private long _settleReads;

    public ReportBatcher(IServiceScopeFactory scopes, IOptions<ServerOptions> options, TimeProvider time, AwaitedAcks awaited)
    {
        _scopes = scopes;
        _awaited = awaited;
        _holders = new ReportLane<HolderSeen>(batch => WithWriterAsync(scopes, w => w.HoldersAsync(batch, CancellationToken.None)));
        _acks = new ReportLane<HostApplied>(batch => WithWriterAsync(scopes, w => w.AppliedAsync(batch, CancellationToken.None)),
            AckRules(options.Value.AckQueueBudget), time);
        _vrrp = new ReportLane<VrrpSeen>(batch => WithWriterAsync(scopes, w => w.VrrpAsync(batch, CancellationToken.None)));
    }

    public Task HolderAsync(HolderSeen report, CancellationToken ct) => _holders.SubmitAsync(report, ct);

    /// <summary>
    /// The most rows one batch of acks settles (<see cref="LaneRules{T}.MaxBatchWeight"/>; one ack at least): a
    /// host's first ack in the region settles about 1,100, so a batch holds three or four of
    /// them, about half a second of writing on the bench's machine (fleet24: 0.1 ms a row) instead of
    /// 32 of them, 2 to 9 s.
    /// </summary>
    internal const long MaxBatchRows = 4096;

    /// <summary>
    /// What a row is taken to cost before any batch of acks was written (<see cref="LaneRules{T}.UnmeasuredCost"/>):
    /// the slowest batch of the region's first start, 9.1 s for 30,225 rows, was 0.3 ms a row; the
    /// first batch, bounded by <see cref="MaxBatchRows"/>, replaces it with a measurement within about a second.
    /// </summary>
    internal static readonly TimeSpan UnmeasuredRowCost = TimeSpan.FromMilliseconds(0.3);

    /// <summary>How many acks asked the database what they settle (<see cref="ReportWriter.SettleableRowsAsync"/>).</summary>
    internal long SettleReads => Interlocked.Read(ref _settleReads);

    /// <summary>Acks waiting and being written, one per host.</summary>
    internal (int Waiting, int Writing) AckQueue => _acks.Queue;

    /// <summary>
    /// One entry per host: its newest ack covers the older ones (applied up to a later change,
    /// failing what the later apply failed; of two with one number, the later sent). An ack weighs
    /// the rows it settles; a batch settles at most <see cref="MaxBatchRows"/>.
    /// </summary>
    internal static LaneRules<HostApplied> AckRules(TimeSpan budget) =>
        new(a => a.Host, (older, newer) => newer.Sequence >= older.Sequence ? newer : older, budget, MaxBatchRows, UnmeasuredRowCost);

    /// <summary>
    /// Null once the ack is written; an ack that can settle nothing
    /// (<see cref="ReportWriter.SettleableRowsAsync"/>: no row) is answered without a write, and
    /// never refused. An ack of a delta this replica sent (<see cref="AwaitedAcks"/>) is not asked:
    /// it settles something nearly always (a row or a few: weight 1), and the write reads its rows
    /// anyway. Otherwise, when the acks queued ahead, with this one, would take longer than the
    /// budget to write (estimated by the rows they settle: a host's first ack settles a thousand,
    /// a later one a few), the ack is refused at once: the result is that estimate, the host's Retry-After.
    /// </summary>
    public async Task<TimeSpan?> AppliedAsync(HostApplied report, CancellationToken ct)
    {
        var rows = _awaited.TryTake(report.Host, report.Sequence) ? 1 : await SettleableRowsAsync(report, ct);
        if (rows == 0)
        {
            return null;
        }
        if (_acks.TrySubmit(report, rows, ct, out var retryAfter) is not { } written)
        {
            return retryAfter;
        }
        await written;
        return null;
    }

    public Task VrrpAsync(VrrpSeen report, CancellationToken ct) => _vrrp.SubmitAsync(report, ct);

    private Task<int> SettleableRowsAsync(HostApplied report, CancellationToken ct)
    {
        Interlocked.Increment(ref _settleReads);
        return WithWriterAsync(_scopes, w => w.SettleableRowsAsync(report, ct));
    }

    private static async Task WithWriterAsync(IServiceScopeFactory scopes, Func<ReportWriter, Task> write) =>
        await WithWriterAsync(scopes, async w =>
        {
            await write(w);
            return true;
        });

    private static async Task<T> WithWriterAsync<T>(IServiceScopeFactory scopes, Func<ReportWriter, Task<T>> use)
    {
        // Reports come from hosts, and a host runs every account's instances.
        await using var scope = scopes.CreateAllAccountsScope();
        return await use(scope.ServiceProvider.GetRequiredService<ReportWriter>());
    }
}
