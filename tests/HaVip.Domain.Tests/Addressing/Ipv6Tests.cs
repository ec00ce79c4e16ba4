using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;

namespace HaVip.Domain.Tests.Addressing;

public sealed class Ipv6Tests
{
    [Theory]
    [InlineData("fd00:10:240::20", "fd00:10:240::20")]
    [InlineData("FD00:0010:0240:0000:0000:0000:0000:0020", "fd00:10:240::20")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("::1", "::1")]
    public void Parse_WritesTheRfc5952Form(string text, string canonical)
    {
        Ipv6.TryParse(text, out var ip).Should().BeTrue();
        ip.ToString().Should().Be(canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.0.240.20")]
    [InlineData("fe80::1%eth0")]
    [InlineData("::ffff:10.0.240.20")]
    [InlineData("fd00::1::2")]
    [InlineData("fd00:10:240::20/64")]
    [InlineData("fd00:10:240:0:0:0:0:0:1")]
    [InlineData(" fd00::1")]
    public void Parse_RefusesWhatIsNotOnePlainIpv6Address(string? text) =>
        Ipv6.TryParse(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("fd00:10:240::/64", true, null)]
    [InlineData("2001:db8:1:2::/64", true, null)]
    [InlineData("fd00:10:240::/48", false, "must be a /64 (got /48)")]
    [InlineData("fd00:10:240::1/64", false, "did you mean fd00:10:240::/64?")]
    [InlineData("fe80::/64", false, "not link-local")]
    [InlineData("ff02::/64", false, "multicast")]
    [InlineData("::/64", false, "::/64")]
    [InlineData("10.0.240.0/24", false, "such as fd00:10:240::/64")]
    [InlineData("fd00:10:240::", false, "such as fd00:10:240::/64")]
    public void Prefix_IsAUnicastSlash64InCanonicalForm(string text, bool valid, string? problem)
    {
        Ipv6Prefix.TryParse(text, out var prefix, out var error).Should().Be(valid);
        if (valid)
        {
            prefix.ToString().Should().Be(text);
        }
        else
        {
            error.Should().Contain(problem);
        }
    }

    [Theory]
    [InlineData("fd00:10:240::", "IpReserved")]                        // Subnet-Router anycast
    [InlineData("fd00:10:240::1", "IpReserved")]                       // gateway
    [InlineData("fd00:10:240:0:fdff:ffff:ffff:ff80", "IpReserved")]    // RFC 2526 anycast, first
    [InlineData("fd00:10:240:0:fdff:ffff:ffff:ffff", "IpReserved")]    // RFC 2526 anycast, last
    [InlineData("fd00:10:241::2", "IpNotInSubnet")]
    public void CheckUsable_RefusesReservedAndForeignAddresses(string refused, string code)
    {
        var prefix = Prefix("fd00:10:240::/64");
        Ipv6AddressRules.CheckUsable("subnet-1", prefix, Ip("fd00:10:240:0:fdff:ffff:ffff:ff7f"), new HashSet<Ipv6>());
        var act = () => Ipv6AddressRules.CheckUsable("subnet-1", prefix, Ip(refused), new HashSet<Ipv6>());
        act.Should().Throw<DomainException>().Which.Code.ToString().Should().Be(code);
    }

    [Fact]
    public void CheckUsable_UsedAddress_IsIpInUse()
    {
        var act = () => Ipv6AddressRules.CheckUsable("subnet-1", Prefix("fd00:10:240::/64"), Ip("fd00:10:240::9"), new HashSet<Ipv6> { Ip("fd00:10:240::9") });
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.IpInUse);
    }

    [Fact]
    public void AllocateLowest_StartsAfterTheGateway_AndSkipsUsed()
    {
        var prefix = Prefix("fd00:10:240::/64");
        Ipv6AddressRules.AllocateLowest(prefix, new HashSet<Ipv6>()).ToString().Should().Be("fd00:10:240::2");
        Ipv6AddressRules.AllocateLowest(prefix, new HashSet<Ipv6> { Ip("fd00:10:240::2"), Ip("fd00:10:240::3") }).ToString().Should().Be("fd00:10:240::4");
    }

    [Fact]
    public void ParseAddress_NamesTheFieldAndTheExpectedForm()
    {
        var errors = new ErrorCollector();
        Ipv6AddressRules.ParseAddress("10.0.240.20", errors, "ipAddress").Should().BeNull();
        var act = errors.ThrowIfAny;
        act.Should().Throw<DomainException>().Which.Message.Should().Contain("not an IPv6 address");
    }

    private static Ipv6 Ip(string text) => Ipv6.TryParse(text, out var ip) ? ip : throw new ArgumentException(text);

    private static Ipv6Prefix Prefix(string text) => Ipv6Prefix.TryParse(text, out var prefix, out var error) ? prefix : throw new ArgumentException(error);
}
