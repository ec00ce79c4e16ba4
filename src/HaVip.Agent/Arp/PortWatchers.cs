using System.ComponentModel;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Vrrp;
using HaVip.Contracts.Agents;
using HaVip.Linux.Packet;
using HaVip.Linux.Sockets;
using HaVip.Net.Ethernet;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Arp;

/// <summary>
/// Watches every instance port of the host from one capture on one thread of its own: every ARP
/// frame goes through <see cref="ClaimInspector"/> against the current table, every VRRP advert to
/// the <see cref="AdvertObserver"/>. Holders are reported at once with the time the frame was seen.
/// A frame from an interface that is no instance port (a bridge, a VXLAN device) is ignored.
/// The thread reads frames in batches from a packet ring (<see cref="PortRing"/>): the kernel
/// hands over the frames of up to <c>batchEvery</c> together, and the thread reads them without a
/// system call each (docs/benchmarks.md: on this VM the receive, not the frame, was most of the cost).
/// </summary>
/// <param name="batchEvery">
/// How long the kernel gathers frames before handing them over; a claim is seen at most this much
/// later. Zero reads every frame as it comes, with a receive each (<see cref="PortCapture.OpenAll"/>).
/// </param>
internal sealed partial class PortWatchers(Reporter reporter, HolderTracker holders, SpoofTracker spoofs, AdvertObserver adverts, AgentMetrics metrics, TimeProvider time, ILogger<PortWatchers> logger,
    ArbitrationProbe? arbitration = null, TimeSpan? batchEvery = null) : IDisposable
{
    /// <summary>How often the capture thread looks up from its wait to see whether it should stop.</summary>
    private static readonly TimeSpan WakeEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The default pause between batches: a tenth of the shortest advert interval keepalived's
    /// VRRPv2 allows (1 s) and well under a VRRPv3 Master_Down_Interval at 0.1 s, so a holder is
    /// still learned long before any failover bound the platform states.
    /// </summary>
    public static readonly TimeSpan DefaultBatchEvery = TimeSpan.FromMilliseconds(10);

    private readonly TimeSpan _batchEvery = batchEvery ?? DefaultBatchEvery;
    private readonly CancellationTokenSource _stop = new();
    private volatile ClaimTable _table = ClaimTable.Empty;
    private volatile Dictionary<int, PortIdentity> _ports = [];
    private Thread? _thread;

    public IEnumerable<string> Ports => _table.Ports.Select(p => p.PortName);

    /// <summary>
    /// Takes a new table and watches exactly its ports whose device exists, by the interface index
    /// each has now (a port re-created since is found again). The first call opens the capture, in
    /// the calling thread's network namespace.
    /// </summary>
    public void Update(ClaimTable table)
    {
        _table = table;
        adverts.Retain(table.Ports.Select(p => p.PortName).ToHashSet(StringComparer.Ordinal));
        var ports = new Dictionary<int, PortIdentity>();
        foreach (var port in table.Ports)
        {
            try
            {
                ports[PacketSocket.InterfaceIndex(port.PortName)] = port;
            }
            catch (Win32Exception e)
            {
                LogCaptureFailed(port.PortName, e.Message);
            }
        }
        _ports = ports;
        if (_thread is null && ports.Count > 0)
        {
            // Opened here, in the caller's network namespace; read and closed by the capture thread.
            var capture = _batchEvery > TimeSpan.Zero ? (IDisposable)PortRing.OpenAll(_batchEvery, WakeEvery) : PortCapture.OpenAll(WakeEvery);
            _thread = new Thread(() => Capture(capture)) { IsBackground = true, Name = "havip port capture" };
            _thread.Start();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join(WakeEvery * 4);
        _stop.Dispose();
    }

    private void Capture(IDisposable capture)
    {
        try
        {
            if (capture is PortRing ring)
            {
                FrameHandler frame = Frame;
                while (!_stop.IsCancellationRequested)
                {
                    ring.Read(frame);
                }
            }
            else
            {
                ReceiveEach((PortCapture)capture);
            }
        }
        catch (System.Net.Sockets.SocketException e)
        {
            LogCaptureStopped(e.Message);
        }
        finally
        {
            capture.Dispose();
        }
    }

    private void ReceiveEach(PortCapture capture)
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            var length = capture.Receive(buffer, out var index);
            if (length > 0)
            {
                Frame(buffer.AsSpan(0, length), index);
            }
        }
    }

    private void Frame(ReadOnlySpan<byte> frame, int interfaceIndex)
    {
        if (!_ports.TryGetValue(interfaceIndex, out var port))
        {
            return;
        }
        if (IsIPv4(frame))
        {
            adverts.Frame(frame, port);
            return;
        }
        var seen = new Seen(time.GetUtcNow().UtcDateTime, time.GetTimestamp());
        var table = _table;
        var verdict = ClaimInspector.Inspect(frame, port, table);
        if (arbitration is null || !DecidedAgainst(verdict, frame, table, port))
        {
            Handle(verdict, seen, port);
            return;
        }
        // Rare (a split brain under arbitration) and slow (it reads the kernel's sets): off the capture thread.
        var copy = frame.ToArray();
        _ = Task.Run(async () =>
        {
            if (await DroppedForArbitrationAsync(copy, port, _stop.Token))
            {
                LogArbitrated(verdict.HaVipId!, verdict.InstanceId!, port.PortName);
                return;
            }
            Handle(verdict, seen, port);
        });
    }

    private static bool DecidedAgainst(ClaimVerdict verdict, ReadOnlySpan<byte> frame, ClaimTable table, PortIdentity port) =>
        verdict.Kind == ClaimVerdictKind.Holder
        && HaVip.Net.Arp.ArpFrame.TryRead(frame, out var arp, out _)
        && table.DecidedAgainst(port.PortName, arp.Arp.SenderProtocolAddress);

    /// <summary>
    /// A holder claim the data path dropped for arbitration reached no client: the holder the API
    /// shows must never be such a claim (docs/split-brain.md).
    /// </summary>
    private async Task<bool> DroppedForArbitrationAsync(byte[] frame, PortIdentity port, CancellationToken ct)
    {
        HaVip.Net.Arp.ArpFrame.TryRead(frame, out var arp, out _);
        try
        {
            return await arbitration!.DroppedAsync(arp.Arp.SenderProtocolAddress.ToString(), port.PortName, ct);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or OperationCanceledException)
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

    [LoggerMessage(LogLevel.Error, "the port capture stopped: {Reason}; no claim or advert is seen until the agent restarts")]
    private partial void LogCaptureStopped(string reason);

    [LoggerMessage(LogLevel.Warning, "cannot watch port {Port}: {Reason}")]
    private partial void LogCaptureFailed(string port, string reason);

    [LoggerMessage(LogLevel.Information, "{HaVipId}: holder is {InstanceId} (claim on {Port})")]
    private partial void LogHolder(string haVipId, string instanceId, string port);

    [LoggerMessage(LogLevel.Warning, "{HaVipId}: unbound instance {InstanceId} claimed the VIP on {Port}; dropped")]
    private partial void LogSpoof(string haVipId, string instanceId, string port);
}
