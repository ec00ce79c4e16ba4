using System.Net;
using HaVip.Agent.Arp;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Sync;
using HaVip.Agent.Tests.Sync;
using HaVip.Agent.Vrrp;
using HaVip.Net.Ethernet;
using HaVip.Net.Vrrp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Agent.Tests.Vrrp;

public sealed class AdvertObserverTests
{
    private static readonly PortIdentity Port = new("hvp-bound001", Samples.Bound, Samples.Subnet, MacAddress.Parse("02:00:00:00:00:0e"));
    private static readonly IPAddress Source = IPAddress.Parse("10.0.240.14");

    [Theory]
    [InlineData("224.0.0.18")]
    [InlineData("10.0.240.15")]
    public async Task Frame_KeepalivedAdvert_ReportsStartOnceThenStop_NeverThePassword(string destination)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 5, 0, 0, TimeSpan.Zero));
        var server = new FakeServer(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var reporter = new Reporter(new ServerClient(server.Client, "hv1"), time, NullLogger<Reporter>.Instance);
        using var metrics = new AgentMetrics("advert-observer-" + Guid.NewGuid().ToString("N"));
        using var observer = new AdvertObserver(new AdvertTracker(time), reporter, metrics, NullLogger<AdvertObserver>.Instance);
        var advert = VrrpAdvertisement.CreateV2(51, 150, TimeSpan.FromSeconds(1), [IPAddress.Parse("10.0.240.204")], "secret12");
        var frame = Frame(advert, IPAddress.Parse(destination));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        observer.Frame(frame, Port);
        time.Advance(TimeSpan.FromSeconds(1));
        observer.Frame(frame, Port);
        time.Advance(TimeSpan.FromMilliseconds(250));
        var running = reporter.RunAsync(stop.Token);
        var started = await server.NextAsync("POST /agent/v1/vrrp-adverts", TimeSpan.FromSeconds(10));
        // RFC 3768 §6.1 at priority 150: 3 s + 106/256 s after the last advert.
        time.Advance(TimeSpan.FromMicroseconds(3_414_063) - TimeSpan.FromMilliseconds(250));
        observer.Sweep();
        var stopped = await server.NextAsync("POST /agent/v1/vrrp-adverts", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await FakeServer.StoppedAsync(running);

        started.Body.Should().Contain("\"advertising\":true").And.Contain("\"priority\":150").And.Contain("\"virtualRouterId\":51")
            .And.Contain("\"authType\":\"SimplePassword\"").And.Contain("\"addresses\":[\"10.0.240.204\"]")
            .And.Contain("\"instanceId\":\"i-bound001\"").And.NotContain("secret12");
        // The second frame was a repeat: the next report is the stop, aged from the last advert.
        stopped.Body.Should().Contain("\"advertising\":false").And.Contain("\"ageMilliseconds\":3414");
    }

    [Fact]
    public void Frame_BadChecksum_ReportsNothing()
    {
        var time = new FakeTimeProvider();
        var server = new FakeServer(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var reporter = new Reporter(new ServerClient(server.Client, "hv1"), time, NullLogger<Reporter>.Instance);
        using var metrics = new AgentMetrics("advert-observer-" + Guid.NewGuid().ToString("N"));
        var tracker = new AdvertTracker(time);
        using var observer = new AdvertObserver(tracker, reporter, metrics, NullLogger<AdvertObserver>.Instance);
        var frame = Frame(VrrpAdvertisement.CreateV3(51, 150, TimeSpan.FromSeconds(1), [IPAddress.Parse("10.0.240.204")]), IPAddress.Parse("224.0.0.18"));
        frame[^1] ^= 0xFF;

        observer.Frame(frame, Port);

        tracker.Observe(Port, VrrpAdvertisement.CreateV3(51, 150, TimeSpan.FromSeconds(1), [IPAddress.Parse("10.0.240.204")]))!
            .Kind.Should().Be(AdvertChangeKind.Started, "the corrupted advert was not kept");
    }

    private static byte[] Frame(VrrpAdvertisement advert, IPAddress destination)
    {
        var buffer = new byte[EthernetHeader.Length + 128];
        new EthernetHeader(MacAddress.Parse("01:00:5e:00:00:12"), Port.Mac, EtherType.IPv4).TryWrite(buffer, out _).Should().BeTrue();
        VrrpIpv4Packet.Create(Source, destination, advert).TryWrite(buffer.AsSpan(EthernetHeader.Length), out var written).Should().BeTrue();
        return buffer[..(EthernetHeader.Length + written)];
    }
}
