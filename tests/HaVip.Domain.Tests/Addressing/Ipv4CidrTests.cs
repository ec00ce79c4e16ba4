using HaVip.Domain.Addressing;

namespace HaVip.Domain.Tests.Addressing;

public sealed class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.0.240.0/24", "10.0.240.1", "10.0.240.254", "10.0.240.255")]
    [InlineData("10.0.240.4/30", "10.0.240.5", "10.0.240.6", "10.0.240.7")]
    [InlineData("10.0.0.0/16", "10.0.0.1", "10.0.255.254", "10.0.255.255")]
    public void Parse_Prefix_GivesHostRange(string text, string first, string last, string broadcast)
    {
        Ipv4Cidr.TryParse(text, out var cidr, out _).Should().BeTrue();
        cidr.FirstHost.ToString().Should().Be(first);
        cidr.LastHost.ToString().Should().Be(last);
        cidr.Broadcast.ToString().Should().Be(broadcast);
        cidr.ToString().Should().Be(text);
    }

    [Fact]
    public void Parse_Slash32_IsOneAddress()
    {
        Ipv4Cidr.TryParse("10.0.0.7/32", out var cidr, out _).Should().BeTrue();
        cidr.Size.Should().Be(1);
        cidr.Network.Should().Be(cidr.Broadcast);
        cidr.Contains(Parse("10.0.0.7")).Should().BeTrue();
        cidr.Contains(Parse("10.0.0.8")).Should().BeFalse();
    }

    [Theory]
    [InlineData("10.0.240.1/24", "has host bits set; did you mean 10.0.240.0/24?")]
    [InlineData("10.0.240.0", "must be an IPv4 prefix such as 10.0.0.0/16")]
    [InlineData("10.0.240.0/33", "must be an IPv4 prefix such as 10.0.0.0/16")]
    [InlineData("10.0.240.0/-1", "must be an IPv4 prefix such as 10.0.0.0/16")]
    [InlineData("fd00::/64", "must be an IPv4 prefix such as 10.0.0.0/16")]
    public void Parse_Invalid_ExplainsWhy(string text, string error)
    {
        Ipv4Cidr.TryParse(text, out _, out var why).Should().BeFalse();
        why.Should().Be(error);
    }

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.240.0/24", true)]
    [InlineData("10.0.240.0/24", "10.0.0.0/16", true)]
    [InlineData("10.0.240.0/24", "10.0.241.0/24", false)]
    [InlineData("10.0.240.0/25", "10.0.240.128/25", false)]
    public void Overlaps_IsSymmetric(string a, string b, bool overlaps)
    {
        Ipv4Cidr.TryParse(a, out var x, out _);
        Ipv4Cidr.TryParse(b, out var y, out _);
        x.Overlaps(y).Should().Be(overlaps);
        y.Overlaps(x).Should().Be(overlaps);
    }

    private static Ipv4 Parse(string text) => Ipv4.TryParse(text, out var ip) ? ip : throw new ArgumentException(text);
}
