using HaVip.Agent.Arp;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Contracts.Agents;
using HaVip.Net.Ethernet;
using HaVip.Net.Vrrp;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Vrrp;

/// <summary>
/// The VRRP half of the port capture: decodes the adverts the kernel filter lets through, keeps
/// them in the <see cref="AdvertTracker"/>, and reports its changes only. A sweep every
/// <see cref="SweepPeriod"/> finds the runs that went silent, so a stop is reported at most that
/// long after the advertiser's Master_Down_Interval.
/// </summary>
internal sealed partial class AdvertObserver(AdvertTracker tracker, Reporter reporter, AgentMetrics metrics, ILogger<AdvertObserver> logger) : IDisposable
{
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromMilliseconds(50);
    private ITimer? _sweeps;

    public void Start(TimeProvider time) => _sweeps = time.CreateTimer(_ => Sweep(), null, SweepPeriod, SweepPeriod);

    /// <summary>An IPv4 frame the port's instance sent (the filter passes only protocol 112 and ARP).</summary>
    public void Frame(ReadOnlySpan<byte> frame, PortIdentity port)
    {
        if (!VrrpIpv4Packet.TryRead(frame[EthernetHeader.Length..], out var packet, out var reason))
        {
            metrics.Advert(reason.ToString());
            return;
        }
        metrics.Advert("ok");
        if (tracker.Observe(port, packet.Advertisement) is { } change)
        {
            Report(change);
        }
    }

    public void Sweep()
    {
        foreach (var change in tracker.Sweep())
        {
            Report(change);
        }
    }

    public void Retain(IReadOnlySet<string> ports)
    {
        foreach (var change in tracker.Retain(ports))
        {
            Report(change);
        }
    }

    public void Dispose() => _sweeps?.Dispose();

    private void Report(AdvertChange change)
    {
        var s = change.State;
        LogChange(s.InstanceId, s.VirtualRouterId, change.Kind, s.Priority, s.AdvertInterval.TotalMilliseconds, s.PortName);
        reporter.Vrrp(ToReport(change), s.LastAt);
    }

    /// <summary>The report of a change; its age is filled in at each send, from <see cref="AdvertState.LastAt"/>.</summary>
    public static VrrpReport ToReport(AdvertChange change)
    {
        var s = change.State;
        return new VrrpReport(
            s.InstanceId,
            s.VirtualRouterId,
            change.Kind != AdvertChangeKind.Stopped,
            (int)s.Version,
            s.Priority,
            (long)s.AdvertInterval.TotalMilliseconds,
            s.AuthType.ToString(),
            s.Addresses.Select(a => a.ToString()).ToArray(),
            s.MasterDownInterval.Ticks / TimeSpan.TicksPerMicrosecond);
    }

    [LoggerMessage(LogLevel.Information, "{InstanceId}: VRID {Vrid} {Change} (priority {Priority}, interval {IntervalMs} ms) on {Port}")]
    private partial void LogChange(string instanceId, byte vrid, AdvertChangeKind change, byte priority, double intervalMs, string port);
}
