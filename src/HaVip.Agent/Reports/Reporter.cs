using System.Threading.Channels;
using HaVip.Agent.Sync;
using HaVip.Contracts.Agents;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Reports;

/// <summary>
/// Sends observations to the server off the capture path, each kind in its own lane and in the
/// order seen: a holder report goes out the moment it is queued and never waits behind a spoof
/// report or its retries. Each attempt of a holder report carries how long ago the claim was seen,
/// measured on this host's monotonic clock: the server places the claim at its own receipt time
/// less that age, so one delivered late after a retry keeps its place, whatever this host's
/// wall clock says.
/// </summary>
internal sealed partial class Reporter(ServerClient server, TimeProvider time, ILogger<Reporter> logger)
{
    private const int Attempts = 5;
    private readonly Channel<PendingHolder> _holders = NewLane<PendingHolder>();
    private readonly Channel<SpoofReport> _spoofs = NewLane<SpoofReport>();
    private readonly Channel<PendingVrrp> _vrrp = NewLane<PendingVrrp>();
    private readonly Channel<RepairReport> _repairs = NewLane<RepairReport>();

    /// <summary>Queues a claim seen at <paramref name="seenTimestamp"/> (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public void Holder(HolderReport report, long seenTimestamp) => _holders.Writer.TryWrite(new PendingHolder(report, seenTimestamp));

    public void Spoof(SpoofReport report) => _spoofs.Writer.TryWrite(report);

    /// <summary>Queues a VRRP change whose last advert was seen at <paramref name="lastAdvertTimestamp"/>.</summary>
    public void Vrrp(VrrpReport report, long lastAdvertTimestamp) => _vrrp.Writer.TryWrite(new PendingVrrp(report, lastAdvertTimestamp));

    public void Repair(RepairReport report) => _repairs.Writer.TryWrite(report);

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(
        SendAllAsync(_holders, SendHolderAsync, ct),
        SendAllAsync(_spoofs, server.SpoofAsync, ct),
        SendAllAsync(_vrrp, SendVrrpAsync, ct),
        SendAllAsync(_repairs, server.RepairAsync, ct));

    private Task SendHolderAsync(PendingHolder pending, CancellationToken ct) =>
        server.HolderAsync(pending.Report with { AgeMilliseconds = (long)time.GetElapsedTime(pending.SeenTimestamp).TotalMilliseconds }, ct);

    private Task SendVrrpAsync(PendingVrrp pending, CancellationToken ct) =>
        server.VrrpAsync(pending.Report with { AgeMilliseconds = (long)time.GetElapsedTime(pending.SeenTimestamp).TotalMilliseconds }, ct);

    private async Task SendAllAsync<T>(Channel<T> lane, Func<T, CancellationToken, Task> send, CancellationToken ct)
    {
        await foreach (var item in lane.Reader.ReadAllAsync(ct))
        {
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                try
                {
                    await send(item, ct);
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    LogReportFailed(typeof(T).Name, attempt, e.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), ct);
                }
            }
        }
    }

    private static Channel<T> NewLane<T>() =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly record struct PendingHolder(HolderReport Report, long SeenTimestamp);

    private readonly record struct PendingVrrp(VrrpReport Report, long SeenTimestamp);

    [LoggerMessage(LogLevel.Warning, "sending {Report} failed (attempt {Attempt}): {Reason}")]
    private partial void LogReportFailed(string report, int attempt, string reason);
}
