using System.Threading.Channels;
using HaVip.Agent.Sync;
using HaVip.Contracts.Agents;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Reports;

/// <summary>
/// Sends observations to the server off the capture path, each kind in its own lane and in the
/// order seen: a holder report goes out the moment it is queued and never waits behind a spoof
/// report or its retries. A report carries the time the packet was seen, so one delivered late
/// after a retry is still right.
/// </summary>
internal sealed partial class Reporter(ServerClient server, ILogger<Reporter> logger)
{
    private const int Attempts = 5;
    private readonly Channel<HolderReport> _holders = NewLane<HolderReport>();
    private readonly Channel<SpoofReport> _spoofs = NewLane<SpoofReport>();

    public void Holder(HolderReport report) => _holders.Writer.TryWrite(report);

    public void Spoof(SpoofReport report) => _spoofs.Writer.TryWrite(report);

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(SendAllAsync(_holders, server.HolderAsync, ct), SendAllAsync(_spoofs, server.SpoofAsync, ct));

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

    [LoggerMessage(LogLevel.Warning, "sending {Report} failed (attempt {Attempt}): {Reason}")]
    private partial void LogReportFailed(string report, int attempt, string reason);
}
