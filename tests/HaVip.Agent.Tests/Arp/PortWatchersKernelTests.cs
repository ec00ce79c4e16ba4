using System.Diagnostics.Metrics;
using System.Net;
using HaVip.Agent.Arp;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Sync;
using HaVip.Agent.Tests.Rules;
using HaVip.Agent.Tests.Sync;
using HaVip.Agent.Vrrp;
using HaVip.Contracts.Agents;
using HaVip.Linux.Namespaces;
using HaVip.Net.Arp;
using HaVip.Net.Ethernet;
using HaVip.Net.Vrrp;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Agent.Tests.Arp;

/// <summary>
/// The agent's one capture for all ports, in a real kernel (root): a bridge with two bound
/// instances' ports (A, B) and an unbound one's (C) in a namespace of the test's own. Each frame
/// must be credited to the port it came in on, never to the bridge or to a port it was flooded out
/// of, and data traffic must never reach the agent.
/// </summary>
public sealed class PortWatchersKernelTests : IAsyncLifetime
{
    private const string Vip = "10.9.1.100";
    private static readonly MacAddress MacA = MacAddress.Parse("02:00:00:09:01:0a");
    private static readonly MacAddress MacB = MacAddress.Parse("02:00:00:09:01:0b");
    private static readonly MacAddress MacC = MacAddress.Parse("02:00:00:09:01:0c");
    private readonly FakeServer _server = new(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
    private readonly string _meterName = "port-watchers-kernel-" + Guid.NewGuid().ToString("N");
    private readonly AgentMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private KernelBridge? _bridge;
    private PortWatchers? _watchers;
    private AdvertObserver? _adverts;
    private Task? _reporting;

    public PortWatchersKernelTests() => _metrics = new AgentMetrics(_meterName);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DesiredStateDto State => new("hv1", 1,
        [new SubnetStateDto("subnet-w", "10.9.1.0/24", "10.9.1.1", 91, [])],
        [
            new PortStateDto("i-a", "subnet-w", "eth0", "pA", MacA.ToString(), ["10.9.1.10"], ["10.9.1.10", Vip]),
            new PortStateDto("i-b", "subnet-w", "eth0", "pB", MacB.ToString(), ["10.9.1.11"], ["10.9.1.11", Vip]),
            new PortStateDto("i-c", "subnet-w", "eth0", "pC", MacC.ToString(), ["10.9.1.12"], ["10.9.1.12"]),
        ],
        [new HaVipStateDto("havip-w", "subnet-w", Vip, ["i-a", "i-b"])]);

    public async ValueTask InitializeAsync()
    {
        Privileges.WhyNoLab().Should().BeNull("the kernel tests make a network namespace");
        _bridge = await KernelBridge.CreateAsync("hvpw", ["A", "B", "C"], Ct);
        var reporter = new Reporter(new ServerClient(_server.Client, "hv1"), TimeProvider.System, NullLogger<Reporter>.Instance);
        _adverts = new AdvertObserver(new AdvertTracker(TimeProvider.System), reporter, _metrics, NullLogger<AdvertObserver>.Instance);
        _watchers = new PortWatchers(reporter, new HolderTracker(TimeProvider.System, TimeSpan.FromSeconds(5)), new SpoofTracker(TimeProvider.System, TimeSpan.FromSeconds(5)),
            _adverts, _metrics, TimeProvider.System, NullLogger<PortWatchers>.Instance);
        // The capture opens in the calling thread's namespace.
        Netns.Run(_bridge.Name, () =>
        {
            _watchers.Update(ClaimTable.From(State));
            return true;
        });
        _reporting = reporter.RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reporting is not null)
        {
            await FakeServer.StoppedAsync(_reporting);
        }
        _watchers?.Dispose();
        _adverts?.Dispose();
        _metrics.Dispose();
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }
    }

    [Fact]
    public async Task Claims_AreCreditedToThePortTheyCameInOn_NotToTheBridgeOrAFloodedPort()
    {
        // C is not bound: its claim is a spoof, though the bridge floods it out of A's and B's ports.
        Send("vC", GratuitousArp.Create(MacC, IPAddress.Parse(Vip)));
        var spoof = await _server.NextAsync("POST /agent/v1/spoof-attempts", TimeSpan.FromSeconds(10));
        spoof.Body.Should().Contain("\"instanceId\":\"i-c\"").And.Contain(MacC.ToString());

        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));
        var holder = await _server.NextAsync("POST /agent/v1/holders", TimeSpan.FromSeconds(10));
        holder.Body.Should().Contain("\"instanceId\":\"i-b\"", "B's claim came in on B's port; the copies flooded out of A's and C's are not claims");
    }

    [Fact]
    public async Task DataTraffic_NeverReachesTheAgent_AnAdvertCountsOnce()
    {
        var results = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == _meterName && instrument.Name == "havip_agent_vrrp_adverts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => results.Enqueue(tags[0].Value?.ToString() ?? "?"));
        listener.Start();

        // Sent first on the same path: had the kernel filter let it through, the observer would have
        // counted it as a malformed advert before the real one.
        Send("vA", KernelBridge.Udp(MacA, MacC, "10.9.1.10", "10.9.1.12"));
        Send("vA", Advert());
        var report = await _server.NextAsync("POST /agent/v1/vrrp-adverts", TimeSpan.FromSeconds(10));
        report.Body.Should().Contain("\"instanceId\":\"i-a\"").And.Contain("\"advertising\":true");
        // One queue for all ports, in order: once B's later claim is reported, every copy of the
        // advert (the bridge's own, those flooded out of B's and C's ports) has been through it.
        Send("vB", GratuitousArp.Create(MacB, IPAddress.Parse(Vip)));
        await _server.NextAsync("POST /agent/v1/holders", TimeSpan.FromSeconds(10));
        results.Should().Equal(["ok"], "one advert came in on one port; the datagram never left the kernel");
    }

    private static byte[] Advert()
    {
        var packet = VrrpIpv4Packet.Create(IPAddress.Parse("10.9.1.10"), IPAddress.Parse("224.0.0.18"),
            VrrpAdvertisement.CreateV2(52, 150, TimeSpan.FromSeconds(1), [IPAddress.Parse(Vip)]));
        var frame = new byte[128];
        new EthernetHeader(MacAddress.Parse("01:00:5e:00:00:12"), MacA, EtherType.IPv4).TryWrite(frame, out var header).Should().BeTrue();
        packet.TryWrite(frame.AsSpan(header), out var written).Should().BeTrue();
        return frame[..(header + written)];
    }

    private void Send(string device, byte[] frame) => _bridge!.Send(device, frame);

    private void Send(string device, ArpFrame frame)
    {
        var bytes = new byte[ArpFrame.Length];
        frame.TryWrite(bytes, out _).Should().BeTrue();
        _bridge!.Send(device, bytes);
    }
}
