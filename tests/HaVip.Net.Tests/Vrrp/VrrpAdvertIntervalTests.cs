using HaVip.Net.Vrrp;

namespace HaVip.Net.Tests.Vrrp;

public sealed class VrrpAdvertIntervalTests
{
    [Theory]
    [InlineData(VrrpVersion.V3, 10, true, 1)] // 0.01 s, the smallest
    [InlineData(VrrpVersion.V3, 100, true, 10)] // keepalived advert_int 0.1
    [InlineData(VrrpVersion.V3, 1_000, true, 100)] // the RFC 5798 default
    [InlineData(VrrpVersion.V3, 40_950, true, 4_095)] // the largest 12-bit value
    [InlineData(VrrpVersion.V3, 40_960, false, 0)]
    [InlineData(VrrpVersion.V3, 0, false, 0)]
    [InlineData(VrrpVersion.V3, 5, false, 0)]
    [InlineData(VrrpVersion.V3, 15, false, 0)] // not whole centiseconds
    [InlineData(VrrpVersion.V3, -10, false, 0)]
    [InlineData(VrrpVersion.V2, 1_000, true, 1)]
    [InlineData(VrrpVersion.V2, 255_000, true, 255)]
    [InlineData(VrrpVersion.V2, 256_000, false, 0)]
    [InlineData(VrrpVersion.V2, 0, false, 0)]
    [InlineData(VrrpVersion.V2, 100, false, 0)] // v2 cannot go below a second
    [InlineData(VrrpVersion.V2, 1_500, false, 0)]
    public void TryToWire_Interval_RespectsVersionBounds(VrrpVersion version, int milliseconds, bool ok, int units)
    {
        VrrpAdvertInterval.TryToWire(version, TimeSpan.FromMilliseconds(milliseconds), out var wire).Should().Be(ok);
        wire.Should().Be((ushort)units);
    }

    [Theory]
    [InlineData(VrrpVersion.V3, 4_095, 40_950)]
    [InlineData(VrrpVersion.V3, 1, 10)]
    [InlineData(VrrpVersion.V2, 255, 255_000)]
    public void FromWire_Units_GivesInterval(VrrpVersion version, int units, int milliseconds)
    {
        VrrpAdvertInterval.FromWire(version, (ushort)units).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void CreateV3_IntervalAbove4095Centiseconds_Throws()
    {
        var act = () => VrrpAdvertisement.CreateV3(1, 100, TimeSpan.FromSeconds(41), [TestPackets.Source]);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void TryRead_V3ReservedBitsSet_IgnoredForInterval()
    {
        var message = TestPackets.V3Message;
        message[4] |= 0xF0; // rsvd MUST be ignored on reception (RFC 5798 §5.2.7)
        message = TestPackets.WithChecksum(message, TestPackets.Source, VrrpProtocol.IPv4Multicast);

        VrrpAdvertisement.TryRead(message, TestPackets.Source, VrrpProtocol.IPv4Multicast, out var advert, out _)
            .Should().BeTrue();

        advert!.MaxAdvertInterval.Should().Be(10);
    }
}
