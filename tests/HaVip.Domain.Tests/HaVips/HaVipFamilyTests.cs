using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;

namespace HaVip.Domain.Tests.HaVips;

/// <summary>A HAVIP's family: from its address, else ipVersion, else IPv4; a contradiction is refused.</summary>
public sealed class HaVipFamilyTests
{
    [Theory]
    [InlineData(null, null, IpFamily.Ipv4)]
    [InlineData(null, IpFamily.Ipv6, IpFamily.Ipv6)]
    [InlineData("10.0.1.20", null, IpFamily.Ipv4)]
    [InlineData("fd00:10:1::20", null, IpFamily.Ipv6)]
    [InlineData("fd00:10:1::20", IpFamily.Ipv6, IpFamily.Ipv6)]
    public void ParseAddress_FamilyFromAddressElseVersion(string? address, IpFamily? version, IpFamily expected)
    {
        var errors = new ErrorCollector();
        var requested = HaVipRules.ParseAddress(address, version, errors);
        errors.ThrowIfAny();
        requested.Family.Should().Be(expected);
        requested.IsGiven.Should().Be(address is not null);
        requested.Field.Should().Be(address is null ? "ipVersion" : "ipAddress");
    }

    [Theory]
    [InlineData("10.0.1.20", IpFamily.Ipv6, "ipVersion ipv6 does not match ipAddress 10.0.1.20, an ipv4 address")]
    [InlineData("fd00:10:1::20", IpFamily.Ipv4, "ipVersion ipv4 does not match ipAddress fd00:10:1::20, an ipv6 address")]
    public void ParseAddress_VersionAgainstAddress_IsInvalidParameterOnIpVersion(string address, IpFamily version, string message)
    {
        var errors = new ErrorCollector();
        HaVipRules.ParseAddress(address, version, errors);
        var act = errors.ThrowIfAny;
        var error = act.Should().Throw<DomainException>().Which.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(ErrorCode.InvalidParameter);
        error.Field.Should().Be("ipVersion");
        error.Message.Should().StartWith(message);
    }

    [Fact]
    public void MarkApplied_Ipv6HaVip_SettlesAsIpv4Does()
    {
        var clock = new HaVipClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), TimeSpan.FromSeconds(30));
        var v4 = HaVipRulesTests.Vip();
        var v6 = HaVipRulesTests.GuideVip(Addressing.AddressRulesTests.Subnet("10.0.1.0/24", ipv6Cidr: "fd00:10:1::/64"), "fd00:10:1::20");
        foreach (var vip in new[] { v4, v6 })
        {
            vip.RequireApply(7, ["hv1"], clock);
            vip.MarkApplied("hv1", 7, null, clock);
        }

        v4.Status.Should().Be(HaVipStatus.Available);
        v6.Family.Should().Be(IpFamily.Ipv6);
        v6.Status.Should().Be(HaVipStatus.Available, "the agents enforce IPv6 HAVIPs on their ports");
    }
}
