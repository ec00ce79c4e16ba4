using System.Threading.Channels;
using HaVip.Agent.Sync;
using HaVip.Contracts.Agents;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Reports;

/// <summary>
/// Sends observations to the server in the order they were seen, off the capture path. A report
/// carries the time the packet was seen, so one delivered late after a retry is still right.
/// </summary>
internal sealed partial class Reporter(ServerClient server, ILogger<Reporter> logger)
{
    private const int Attempts = 5;
    private readonly Channel<object> _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Holder(HolderReport report) => _queue.Writer.TryWrite(report);

    public void Spoof(SpoofReport report) => _queue.Writer.TryWrite(report);

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(ct))
        {
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                try
                {
                    await (item switch
                    {
                        HolderReport holder => server.HolderAsync(holder, ct),
                        SpoofReport spoof => server.SpoofAsync(spoof, ct),
                        _ => Task.CompletedTask,
                    });
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    LogReportFailed(item.GetType().Name, attempt, e.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), ct);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "sending {Report} failed (attempt {Attempt}): {Reason}")]
    private partial void LogReportFailed(string report, int attempt, string reason);
}
