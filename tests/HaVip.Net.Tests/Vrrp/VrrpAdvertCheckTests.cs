using System.Net;
using HaVip.Net.Vrrp;
using static HaVip.Net.Tests.TestPackets;

namespace HaVip.Net.Tests.Vrrp;

public sealed class VrrpAdvertCheckTests
{
    private static readonly VrrpAdvertisement Advert = VrrpAdvertisement.CreateV3(52, 200, TimeSpan.FromMilliseconds(100),
        [IPAddress.Parse("10.0.240.101"), IPAddress.Parse("10.0.240.102")]);

    private static readonly VrrpExpectations V3 = new(VrrpVersion.V3, 52,
        [IPAddress.Parse("10.0.240.102"), IPAddress.Parse("10.0.240.101")]);

    [Fact]
    public void Check_AddressesInOtherOrder_Accepted()
    {
        VrrpAdvertCheck.Check(Advert, 255, V3).Should().Be(DropReason.None);
    }

    [Fact]
    public void Check_V3IntervalDiffers_AcceptedBecauseBackupsLearnIt()
    {
        VrrpAdvertCheck.Check(Advert with { MaxAdvertInterval = 100 }, 255, V3).Should().Be(DropReason.None);
    }

    [Fact]
    public void Check_AddressMismatchFromOwner_Accepted()
    {
        // RFC 5798 §7.1: a mismatching list is dropped only when the sender is not the owner.
        var fromOwner = Advert with { Priority = 255, Addresses = [IPAddress.Parse("10.9.9.9")] };

        VrrpAdvertCheck.Check(fromOwner, 255, V3).Should().Be(DropReason.None);
    }

    [Fact]
    public void Check_SkipAddressCheck_AcceptsOtherList()
    {
        var other = Advert with { Addresses = [IPAddress.Parse("10.9.9.9")] };

        VrrpAdvertCheck.Check(other, 255, V3).Should().Be(DropReason.AddressListMismatch);
        VrrpAdvertCheck.Check(other, 255, V3 with { SkipAddressCheck = true }).Should().Be(DropReason.None);
    }

    [Theory]
    [InlineData(255, true, DropReason.None)]
    [InlineData(254, true, DropReason.BadTtl)]
    [InlineData(1, true, DropReason.BadTtl)]
    [InlineData(64, false, DropReason.None)] // keepalived unicast_ttl: routed unicast peers
    public void Check_Ttl_Required255UnlessRelaxed(byte ttl, bool require, DropReason expected)
    {
        VrrpAdvertCheck.Check(Advert, ttl, V3 with { RequireTtl255 = require }).Should().Be(expected);
    }

    [Fact]
    public void Check_V2NoAuthBothSides_IgnoresAuthData()
    {
        var noAuth = VrrpAdvertisement.CreateV2(51, 100, TimeSpan.FromSeconds(1), [IPAddress.Parse("10.0.240.100")]);
        var advert = noAuth with { AuthData = VrrpAuthData.FromPassword("junk") };
        var expected = V2Expectations with { AuthType = VrrpAuthType.None, AuthData = default };

        VrrpAdvertCheck.Check(advert, 255, expected).Should().Be(DropReason.None);
    }

    [Fact]
    public void Check_SeveralFailures_ReportsFirstInRfcOrder()
    {
        var bad = Advert with { VirtualRouterId = 9, Addresses = [IPAddress.Loopback] };

        VrrpAdvertCheck.Check(bad, 1, V3).Should().Be(DropReason.BadTtl);
        VrrpAdvertCheck.Check(bad, 255, V3).Should().Be(DropReason.WrongVrid);
    }
}
