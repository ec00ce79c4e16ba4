using System.Collections.Concurrent;
using System.ComponentModel;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Vrrp;
using HaVip.Contracts.Agents;
using HaVip.Linux.Packet;
using HaVip.Net.Ethernet;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Arp;

/// <summary>
/// One capture per instance port; every ARP frame goes through <see cref="ClaimInspector"/> against
/// the current table, every VRRP advert to the <see cref="AdvertObserver"/>. Holders are reported
/// at once with the time the frame was seen.
/// </summary>
internal sealed partial class PortWatchers(Reporter reporter, HolderTracker holders, SpoofTracker spoofs, AdvertObserver adverts, AgentMetrics metrics, TimeProvider time, ILogger<PortWatchers> logger,
    ArbitrationProbe? arbitration = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Watch> _watches = new(StringComparer.Ordinal);
    private volatile ClaimTable _table = ClaimTable.Empty;

    public IEnumerable<string> Ports => _table.Ports.Select(p => p.PortName);

    /// <summary>Takes a new table and watches exactly its ports (those whose device exists).</summary>
    public void Update(ClaimTable table)
    {
        _table = table;
        var wanted = table.Ports.Select(p => p.PortName).ToHashSet(StringComparer.Ordinal);
        adverts.Retain(wanted);
        foreach (var stale in _watches.Keys.Where(k => !wanted.Contains(k)))
        {
            if (_watches.TryRemove(stale, out var watch))
            {
                watch.Dispose();
            }
        }
        foreach (var port in wanted.Where(p => !_watches.ContainsKey(p)))
        {
            try
            {
                var watch = new Watch(PortCapture.Open(port));
                _watches[port] = watch;
                _ = Task.Run(() => CaptureAsync(port, watch));
            }
            catch (Win32Exception e)
            {
                LogCaptureFailed(port, e.Message);
            }
        }
    }

    public void Dispose()
    {
        foreach (var watch in _watches.Values)
        {
            watch.Dispose();
        }
    }

    private async Task CaptureAsync(string portName, Watch watch)
    {
        var buffer = new byte[2048];
        while (!watch.Stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await watch.Capture.ReceiveAsync(buffer, watch.Stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                return;
            }
            var seen = new Seen(time.GetUtcNow().UtcDateTime, time.GetTimestamp());
            var table = _table;
            var port = table.Ports.FirstOrDefault(p => p.PortName == portName);
            if (port is not null && IsIPv4(buffer.AsSpan(0, length)))
            {
                adverts.Frame(buffer.AsSpan(0, length), port);
            }
            else if (port is not null)
            {
                var verdict = ClaimInspector.Inspect(buffer.AsSpan(0, length), port, table);
                if (await DroppedForArbitrationAsync(verdict, buffer, length, table, port, watch.Stop.Token))
                {
                    LogArbitrated(verdict.HaVipId!, verdict.InstanceId!, port.PortName);
                    continue;
                }
                Handle(verdict, seen, port);
            }
        }
    }

    /// <summary>
    /// A holder claim the data path dropped for arbitration reached no client: the holder the API
    /// shows must never be such a claim (docs/split-brain.md).
    /// </summary>
    private async Task<bool> DroppedForArbitrationAsync(ClaimVerdict verdict, byte[] buffer, int length, ClaimTable table, PortIdentity port, CancellationToken ct)
    {
        if (arbitration is null || verdict.Kind != ClaimVerdictKind.Holder
            || !HaVip.Net.Arp.ArpFrame.TryRead(buffer.AsSpan(0, length), out var arp, out _)
            || !table.DecidedAgainst(port.PortName, arp.Arp.SenderProtocolAddress))
        {
            return false;
        }
        try
        {
            return await arbitration.DroppedAsync(arp.Arp.SenderProtocolAddress.ToString(), port.PortName, ct);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    private void Handle(ClaimVerdict verdict, Seen seen, PortIdentity port)
    {
        metrics.Verdict(verdict.Kind);
        if (verdict.Kind == ClaimVerdictKind.Holder)
        {
            var decision = holders.Observe(verdict.HaVipId!, verdict.InstanceId!);
            if (decision == HolderDecision.Changed)
            {
                metrics.HolderChanged();
                LogHolder(verdict.HaVipId!, verdict.InstanceId!, port.PortName);
            }
            if (decision != HolderDecision.Quiet)
            {
                reporter.Holder(new HolderReport(verdict.HaVipId, verdict.InstanceId, seen.At), seen.Timestamp);
            }
        }
        else if (verdict.Kind == ClaimVerdictKind.Spoof && spoofs.Observe(verdict.HaVipId!, verdict.InstanceId!) is var count and > 0)
        {
            LogSpoof(verdict.HaVipId!, verdict.InstanceId!, port.PortName);
            reporter.Spoof(new SpoofReport(verdict.HaVipId, verdict.InstanceId, port.Mac.ToString(), seen.At, count));
        }
    }

    private static bool IsIPv4(ReadOnlySpan<byte> frame) =>
        EthernetHeader.TryRead(frame, out var ethernet, out _) && ethernet.EtherType == EtherType.IPv4;

    /// <summary>When a frame arrived: the wall clock for logs, the monotonic clock for the claim's age.</summary>
    private readonly record struct Seen(DateTime At, long Timestamp);

    [LoggerMessage(LogLevel.Information, "{HaVipId}: claim of {InstanceId} on {Port} dropped for the platform's decision; not reported as holder")]
    private partial void LogArbitrated(string haVipId, string instanceId, string port);

    [LoggerMessage(LogLevel.Warning, "cannot watch port {Port}: {Reason}")]
    private partial void LogCaptureFailed(string port, string reason);

    [LoggerMessage(LogLevel.Information, "{HaVipId}: holder is {InstanceId} (claim on {Port})")]
    private partial void LogHolder(string haVipId, string instanceId, string port);

    [LoggerMessage(LogLevel.Warning, "{HaVipId}: unbound instance {InstanceId} claimed the VIP on {Port}; dropped")]
    private partial void LogSpoof(string haVipId, string instanceId, string port);

    private sealed class Watch(PortCapture capture) : IDisposable
    {
        public PortCapture Capture { get; } = capture;

        public CancellationTokenSource Stop { get; } = new();

        public void Dispose()
        {
            Stop.Cancel();
            Capture.Dispose();
            Stop.Dispose();
        }
    }
}
