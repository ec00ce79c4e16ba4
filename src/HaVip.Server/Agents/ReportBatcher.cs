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

    /// <summary>How many acks asked the database whether they settle anything (<see cref="ReportWriter.SettlesAnythingAsync"/>).</summary>
    internal long SettleReads => Interlocked.Read(ref _settleReads);

    /// <summary>Acks waiting and being written, one per host.</summary>
    internal (int Waiting, int Writing) AckQueue => _acks.Queue;

    /// <summary>
    /// One entry per host: its newest ack covers the older ones (applied up to a later change,
    /// failing what the later apply failed; of two with one number, the later sent).
    /// </summary>
    internal static LaneRules<HostApplied> AckRules(TimeSpan budget) =>
        new(a => a.Host, (older, newer) => newer.Sequence >= older.Sequence ? newer : older, budget);

    /// <summary>
    /// Null once the ack is written; an ack that can settle nothing
    /// (<see cref="ReportWriter.SettlesAnythingAsync"/>) is answered without a write, and never
    /// refused. An ack of a delta this replica sent (<see cref="AwaitedAcks"/>) is not asked: it
    /// settles something nearly always, and the write reads its rows anyway. Otherwise, when the
    /// acks queued ahead would take longer than the budget to write, the ack is refused at once:
    /// the result is that estimate, the host's Retry-After.
    /// </summary>
    public async Task<TimeSpan?> AppliedAsync(HostApplied report, CancellationToken ct)
    {
        if (!_awaited.TryTake(report.Host, report.Sequence) && !await SettlesAnythingAsync(report, ct))
        {
            return null;
        }
        if (_acks.TrySubmit(report, ct, out var retryAfter) is not { } written)
        {
            return retryAfter;
        }
        await written;
        return null;
    }

    public Task VrrpAsync(VrrpSeen report, CancellationToken ct) => _vrrp.SubmitAsync(report, ct);

    private Task<bool> SettlesAnythingAsync(HostApplied report, CancellationToken ct)
    {
        Interlocked.Increment(ref _settleReads);
        return WithWriterAsync(_scopes, w => w.SettlesAnythingAsync(report, ct));
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
