using HaVip.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrp.Tests.Machine;

public sealed class TimerTests
{
    [Theory]
    [InlineData(VrrpVersion.V3, 100, 1_000_000, 609_375, 3_609_375)]
    [InlineData(VrrpVersion.V3, 200, 1_000_000, 218_750, 3_218_750)]
    [InlineData(VrrpVersion.V3, 254, 10_000, 78, 30_078)]
    [InlineData(VrrpVersion.V3, 100, 500_000, 304_687, 1_804_687)]
    [InlineData(VrrpVersion.V2, 100, 5_000_000, 609_375, 15_609_375)]
    [InlineData(VrrpVersion.V2, 1, 1_000_000, 996_093, 3_996_093)]
    public void SkewAndMasterDownInterval_MatchTheRfcFormulasInMicroseconds(VrrpVersion version, int priority, long intervalUs, long skewUs, long downUs)
    {
        var interval = TimeSpan.FromMicroseconds(intervalUs);

        VrrpTimers.SkewTime(version, priority, interval).Should().Be(TimeSpan.FromMicroseconds(skewUs));
        VrrpTimers.MasterDownInterval(version, priority, interval).Should().Be(TimeSpan.FromMicroseconds(downUs));
    }

    [Fact]
    public void V2_WholeSecondTimers_AdvertsEveryIntervalAndTakeoverAtThreeIntervalsPlusSkew()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { Version = VrrpVersion.V2, AdvertisementInterval = TimeSpan.FromSeconds(5) });
        lan.Add("b", 100, 2, o => o with { Version = VrrpVersion.V2, AdvertisementInterval = TimeSpan.FromSeconds(5) });
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(40));

        var times = lan.Of<SendAdvert>("a").Select(l => l.At).ToList();
        times.Zip(times.Skip(1), (x, y) => y - x).Should().AllBeEquivalentTo(TimeSpan.FromSeconds(5));
        var last = lan.LastAdvertAt("a");

        lan.Crash("a");
        lan.RunFor(TimeSpan.FromSeconds(40));

        // RFC 3768 6.1: Skew_Time = (256 - Priority) / 256 seconds, whatever the interval.
        lan.BecameMasterAt("b").Should().Be(last + TimeSpan.FromSeconds(15) + TimeSpan.FromMicroseconds(609_375));
    }

    [Fact]
    public void V2_AdvertIntervalDiffers_Discarded()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { Version = VrrpVersion.V2, AdvertisementInterval = TimeSpan.FromSeconds(2) });
        lan.Add("b", 100, 2, o => o with { Version = VrrpVersion.V2, AdvertisementInterval = TimeSpan.FromSeconds(1) });

        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10));

        lan.Of<AdvertDiscarded>("b").Should().NotBeEmpty()
            .And.AllSatisfy(l => ((AdvertDiscarded)l.Action).Reason.Should().Be(DropReason.AdvertIntervalMismatch));
    }

    [Fact]
    public void V3_Backup_LearnsMasterAdverIntervalFromAdverts()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { AdvertisementInterval = TimeSpan.FromSeconds(0.5) });
        lan.Add("b", 100, 2, o => o with { AdvertisementInterval = TimeSpan.FromSeconds(2) });
        lan.Start("a");
        lan.RunFor(TimeSpan.FromSeconds(5));
        lan.Start("b");
        lan.RunFor(TimeSpan.FromSeconds(5));
        var last = lan.LastAdvertAt("a");

        lan["b"].Router.MasterAdverInterval.Should().Be(TimeSpan.FromSeconds(0.5));
        lan.Crash("a");
        lan.RunFor(TimeSpan.FromSeconds(10));

        lan.BecameMasterAt("b").Should().Be(last + TimeSpan.FromMicroseconds(1_500_000 + 304_687));
    }

    [Fact]
    public void AddressListDiffers_DiscardedUnlessSkipCheck()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { VirtualAddresses = [new(System.Net.IPAddress.Parse("10.9.9.9"), 32)] });
        lan.Add("b", 100, 2);
        lan.Add("c", 90, 3, o => o with { SkipCheckAdvertAddresses = true });

        lan.Start("a", "b", "c");
        lan.RunFor(TimeSpan.FromSeconds(10));

        lan.Of<AdvertDiscarded>("b").Select(l => ((AdvertDiscarded)l.Action).Reason).Should().Contain(DropReason.AddressListMismatch);
        lan["c"].State.Should().Be(VrrpState.Backup);
    }
}
