using System.Net;
using HaVip.Agent.Arp;
using HaVip.Agent.Vrrp;
using HaVip.Net.Ethernet;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Machine;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Agent.Tests.Vrrp;

public sealed class AdvertTrackerTests
{
    private static readonly PortIdentity Port = new("hvp-bound001", Samples.Bound, Samples.Subnet, MacAddress.Parse("02:00:00:00:00:0e"));
    private static readonly IPAddress Vip = IPAddress.Parse("10.0.240.204");
    private readonly FakeTimeProvider _time = new();
    private readonly AdvertTracker _tracker;

    public AdvertTrackerTests() => _tracker = new AdvertTracker(_time);

    private static VrrpAdvertisement V2(byte priority = 100, int seconds = 1) =>
        VrrpAdvertisement.CreateV2(51, priority, TimeSpan.FromSeconds(seconds), [Vip], "secret12");

    [Fact]
    public void Observe_FirstAdvert_Started_ThenRepeatsAreQuiet()
    {
        var first = _tracker.Observe(Port, V2());
        first.Should().NotBeNull();
        first!.Kind.Should().Be(AdvertChangeKind.Started);
        first.State.Priority.Should().Be(100);
        first.State.AdvertInterval.Should().Be(TimeSpan.FromSeconds(1));
        first.State.AuthType.Should().Be(VrrpAuthType.SimplePassword);

        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _tracker.Observe(Port, V2()).Should().BeNull("a steady master is reported once, not per packet");
        }
    }

    [Fact]
    public void Sweep_StopsExactlyAtMasterDownIntervalOfTheLastAdvert()
    {
        // RFC 3768 §6.1 at priority 100, 1 s: 3 s + (256 - 100)/256 s = 3.609375 s.
        var bound = VrrpTimers.MasterDownInterval(VrrpVersion.V2, 100, TimeSpan.FromSeconds(1));
        bound.Should().Be(TimeSpan.FromMicroseconds(3_609_375));
        _tracker.Observe(Port, V2());
        _time.Advance(TimeSpan.FromSeconds(2));
        _tracker.Observe(Port, V2());

        _time.Advance(bound - TimeSpan.FromTicks(1));
        _tracker.Sweep().Should().BeEmpty("one tick before Master_Down_Interval the master may still advertise");
        _time.Advance(TimeSpan.FromTicks(1));
        var stopped = _tracker.Sweep();

        stopped.Should().ContainSingle().Which.Kind.Should().Be(AdvertChangeKind.Stopped);
        _tracker.Sweep().Should().BeEmpty("a stop is reported once");
        _tracker.Observe(Port, V2())!.Kind.Should().Be(AdvertChangeKind.Started);
    }

    [Fact]
    public void Sweep_UsesTheAdvertsOwnIntervalAndPriority_V3Centiseconds()
    {
        // RFC 5798 §6.1: 3 × 0.1 s + ((256 - 200) × 0.1 s) / 256 = 0.321875 s.
        var advert = VrrpAdvertisement.CreateV3(7, 200, TimeSpan.FromMilliseconds(100), [Vip]);
        _tracker.Observe(Port, advert);

        _time.Advance(TimeSpan.FromMicroseconds(321_874));
        _tracker.Sweep().Should().BeEmpty();
        _time.Advance(TimeSpan.FromMicroseconds(1));
        _tracker.Sweep().Should().ContainSingle().Which.State.VirtualRouterId.Should().Be(7);
    }

    [Fact]
    public void Observe_PriorityZero_StopsAtOnce_AndUnknownPriorityZeroIsQuiet()
    {
        _tracker.Observe(Port, V2(priority: 0)).Should().BeNull("nothing was advertising");
        _tracker.Observe(Port, V2());

        var resigned = _tracker.Observe(Port, V2(priority: 0));

        resigned!.Kind.Should().Be(AdvertChangeKind.Stopped);
        _tracker.Sweep().Should().BeEmpty();
    }

    [Theory]
    [InlineData("priority")]
    [InlineData("interval")]
    [InlineData("version")]
    [InlineData("auth")]
    [InlineData("addresses")]
    public void Observe_FieldChanged_Changed(string field)
    {
        _tracker.Observe(Port, V2());
        var changed = field switch
        {
            "priority" => V2(priority: 90),
            "interval" => V2(seconds: 2),
            "version" => VrrpAdvertisement.CreateV3(51, 100, TimeSpan.FromSeconds(1), [Vip]),
            "auth" => VrrpAdvertisement.CreateV2(51, 100, TimeSpan.FromSeconds(1), [Vip]),
            _ => VrrpAdvertisement.CreateV2(51, 100, TimeSpan.FromSeconds(1), [Vip, IPAddress.Parse("10.0.240.205")], "secret12"),
        };
        _time.Advance(TimeSpan.FromMilliseconds(500));

        _tracker.Observe(Port, changed)!.Kind.Should().Be(AdvertChangeKind.Changed);
        _tracker.Observe(Port, changed).Should().BeNull();
    }

    [Fact]
    public void Observe_PasswordChangeAlone_IsNotAChange_TheAgentNeverKeepsIt()
    {
        _tracker.Observe(Port, V2());

        _tracker.Observe(Port, VrrpAdvertisement.CreateV2(51, 100, TimeSpan.FromSeconds(1), [Vip], "other123")).Should().BeNull();
    }

    [Fact]
    public void Observe_TwoVrids_OnOnePort_KeptApart()
    {
        _tracker.Observe(Port, V2())!.Kind.Should().Be(AdvertChangeKind.Started);
        _tracker.Observe(Port, VrrpAdvertisement.CreateV2(52, 100, TimeSpan.FromSeconds(1), [Vip]))!.Kind.Should().Be(AdvertChangeKind.Started);
    }

    [Fact]
    public void Retain_PortGone_StopsItsEntries()
    {
        _tracker.Observe(Port, V2());

        _tracker.Retain(new HashSet<string>(StringComparer.Ordinal)).Should().ContainSingle().Which.Kind.Should().Be(AdvertChangeKind.Stopped);
        _tracker.Sweep().Should().BeEmpty();
    }
}
