using System.Net;
using HaVip.Agent.Arp;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Rules;
using HaVip.Agent.Sync;
using HaVip.Agent.Tests.Rules;
using HaVip.Agent.Tests.Sync;
using HaVip.Agent.Vrrp;
using HaVip.Contracts.Agents;
using HaVip.Linux.Namespaces;
using HaVip.Linux.Packet;
using HaVip.Net.Ethernet;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Agent.Tests.Arp;

/// <summary>
/// Holder learning from Neighbor Advertisements in a real kernel (root): a bridge with the bound
/// instance's port (pA) and an unbound one's (pB) in a namespace of the test's own, IPv6 off on its
/// interfaces so that only the test's frames are IPv6. The port capture's kernel filter lets only
/// unsolicited NAs with the override flag through; the agent's watchers report them as holder
/// claims or spoof attempts on the same lanes as gratuitous ARP.
/// </summary>
public sealed class AdvertisementCaptureKernelTests : IAsyncLifetime
{
    private const string Vip = "fd00:9::100";
    private static readonly MacAddress MacA = MacAddress.Parse("02:00:00:09:00:0a");
    private static readonly MacAddress MacB = MacAddress.Parse("02:00:00:09:00:0b");
    private KernelBridge? _bridge;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DesiredStateDto State => new("hv1", 1,
        [new SubnetStateDto("subnet-k", "10.9.0.0/24", "10.9.0.1", 9, [])],
        [
            new PortStateDto("i-a", "subnet-k", "eth0", "pA", MacA.ToString(), ["10.9.0.10"], ["10.9.0.10"], "fd00:9::10", ["fd00:9::10", Vip]),
            new PortStateDto("i-b", "subnet-k", "eth0", "pB", MacB.ToString(), ["10.9.0.11"], ["10.9.0.11"], "fd00:9::11", ["fd00:9::11"]),
        ],
        [new HaVipStateDto("havip-k6", "subnet-k", Vip, ["i-a"])]);

    public async ValueTask InitializeAsync()
    {
        Privileges.WhyNoLab().Should().BeNull("the kernel tests make a network namespace");
        _bridge = await KernelBridge.CreateAsync("hvip6c", ["A", "B"], Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }
    }

    [Fact]
    public async Task Capture_PassesOnlyUnsolicitedOverrideAdvertisements()
    {
        using var capture = Netns.Run(_bridge!.Name, () => PortCapture.Open("pA"));
        var linkLocal = Ipv6Rules.LinkLocal(MacA.ToString());
        _bridge!.Send("vA", Ipv6Frames.UdpFrom(MacA, IPAddress.Parse("fd00:9::10")));
        _bridge.Send("vA", Ipv6Frames.Advertisement(MacA, linkLocal, IPAddress.Parse(Vip), solicited: true));
        _bridge!.Send("vA", Ipv6Frames.Advertisement(MacA, linkLocal, IPAddress.Parse(Vip), @override: false));
        _bridge!.Send("vA", Ipv6Frames.Solicitation(MacA, linkLocal, IPAddress.Parse("fd00:9::11")));
        var claim = Ipv6Frames.Advertisement(MacA, linkLocal, IPAddress.Parse(Vip));
        _bridge!.Send("vA", claim);

        // The frames go through one veth in order: the first one the capture delivers is the first it let through.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var buffer = new byte[2048];
        var length = await capture.ReceiveAsync(buffer, timeout.Token);
        buffer[..length].Should().Equal(claim, "the kernel filter keeps data traffic, solicitations and other advertisements out of user space");
    }

    [Fact]
    public async Task Watchers_ReportBoundPortsAdvertisementAsHolder_UnboundPortsAsSpoof()
    {
        var server = new FakeServer(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var metrics = new AgentMetrics($"havip.test.{_bridge!.Name}");
        var reporter = new Reporter(new ServerClient([server.Client], "hv1"), TimeProvider.System, NullLogger<Reporter>.Instance);
        using var watchers = new PortWatchers(reporter, new HolderTracker(TimeProvider.System, TimeSpan.FromSeconds(5)),
            new SpoofTracker(TimeProvider.System, TimeSpan.FromSeconds(5)),
            new AdvertObserver(new AdvertTracker(TimeProvider.System), reporter, metrics, NullLogger<AdvertObserver>.Instance),
            metrics, TimeProvider.System, NullLogger<PortWatchers>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var reporting = reporter.RunAsync(stop.Token);
        // The captures open in the calling thread's namespace.
        Netns.Run(_bridge!.Name, () =>
        {
            watchers.Update(ClaimTable.From(State));
            return watchers.Ports.Count();
        }).Should().Be(2);

        _bridge!.Send("vA", Ipv6Frames.Advertisement(MacA, Ipv6Rules.LinkLocal(MacA.ToString()), IPAddress.Parse(Vip)));
        var holder = await server.NextAsync("POST /agent/v1/holders", TimeSpan.FromSeconds(5));
        holder.Body.Should().Contain("\"havip-k6\"").And.Contain("\"i-a\"");

        _bridge!.Send("vB", Ipv6Frames.Advertisement(MacB, Ipv6Rules.LinkLocal(MacB.ToString()), IPAddress.Parse(Vip)));
        var spoof = await server.NextAsync("POST /agent/v1/spoof-attempts", TimeSpan.FromSeconds(5));
        spoof.Body.Should().Contain("\"havip-k6\"").And.Contain("\"i-b\"");

        await stop.CancelAsync();
        await FakeServer.StoppedAsync(reporting);
    }
}
