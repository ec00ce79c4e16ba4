using HaVip.Storage;

namespace HaVip.Server.Agents;

/// <summary>
/// The server's intake of hosts' reports: holders, acknowledgements and VRRP observations each in their own lane
/// (a burst of acks never delays a holder), each batch one transaction that enters the write
/// gate ahead of API writes. One per process.
/// </summary>
public sealed class ReportBatcher
{
    private readonly ReportLane<HolderSeen> _holders;
    private readonly ReportLane<HostApplied> _acks;
    private readonly ReportLane<VrrpSeen> _vrrp;

    private readonly IServiceScopeFactory _scopes;

    public ReportBatcher(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _holders = new ReportLane<HolderSeen>(batch => WithWriterAsync(scopes, w => w.HoldersAsync(batch, CancellationToken.None)));
        _acks = new ReportLane<HostApplied>(batch => WithWriterAsync(scopes, w => w.AppliedAsync(batch, CancellationToken.None)));
        _vrrp = new ReportLane<VrrpSeen>(batch => WithWriterAsync(scopes, w => w.VrrpAsync(batch, CancellationToken.None)));
    }

    public Task HolderAsync(HolderSeen report, CancellationToken ct) => _holders.SubmitAsync(report, ct);

    /// <summary>An ack that can settle nothing (<see cref="ReportWriter.SettlesAnythingAsync"/>) is answered without a write.</summary>
    public async Task AppliedAsync(HostApplied report, CancellationToken ct)
    {
        if (await WithWriterAsync(_scopes, w => w.SettlesAnythingAsync(report, ct)))
        {
            await _acks.SubmitAsync(report, ct);
        }
    }

    public Task VrrpAsync(VrrpSeen report, CancellationToken ct) => _vrrp.SubmitAsync(report, ct);

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
