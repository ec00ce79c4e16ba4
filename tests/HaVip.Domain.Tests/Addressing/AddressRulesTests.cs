using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.Tests.Addressing;

public sealed class AddressRulesTests
{
    [Theory]
    [InlineData("10.0.240.0/24", null, "10.0.240.2", "IpNotInSubnet", "10.0.241.2")]
    [InlineData("10.0.240.0/24", null, "10.0.240.2", "IpReserved", "10.0.240.0")]
    [InlineData("10.0.240.0/24", null, "10.0.240.2", "IpReserved", "10.0.240.1")]
    [InlineData("10.0.240.0/24", null, "10.0.240.2", "IpReserved", "10.0.240.255")]
    [InlineData("10.0.240.0/24", "10.0.240.254", "10.0.240.1", "IpReserved", "10.0.240.254")]
    [InlineData("10.0.240.4/30", null, "10.0.240.6", "IpReserved", "10.0.240.5")]
    [InlineData("10.0.240.4/30", null, "10.0.240.6", "IpNotInSubnet", "10.0.240.8")]
    public void CheckUsable_Table(string cidr, string? gateway, string usable, string code, string refused)
    {
        var subnet = Subnet(cidr, gateway);
        AddressRules.CheckUsable(subnet, Ip(usable), new HashSet<Ipv4>());
        var act = () => AddressRules.CheckUsable(subnet, Ip(refused), new HashSet<Ipv4>());
        act.Should().Throw<DomainException>().Which.Code.ToString().Should().Be(code);
    }

    [Fact]
    public void CheckUsable_UsedAddress_IsIpInUse()
    {
        var act = () => AddressRules.CheckUsable(Subnet("10.0.240.0/24"), Ip("10.0.240.9"), new HashSet<Ipv4> { Ip("10.0.240.9") });
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.IpInUse);
    }

    [Fact]
    public void AllocateLowest_SkipsReservedAndUsed()
    {
        var subnet = Subnet("10.0.240.0/24");
        AddressRules.AllocateLowest(subnet, new HashSet<Ipv4>()).ToString().Should().Be("10.0.240.2");
        AddressRules.AllocateLowest(subnet, new HashSet<Ipv4> { Ip("10.0.240.2"), Ip("10.0.240.3") }).ToString().Should().Be("10.0.240.4");
    }

    [Fact]
    public void AllocateLowest_Slash30_HasExactlyOneAddress()
    {
        var subnet = Subnet("10.0.240.4/30");
        var only = AddressRules.AllocateLowest(subnet, new HashSet<Ipv4>());
        only.ToString().Should().Be("10.0.240.6");
        var act = () => AddressRules.AllocateLowest(subnet, new HashSet<Ipv4> { only });
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.SubnetFull);
    }

    [Fact]
    public void AllocateLowest_LastHostIsUsable()
    {
        var subnet = Subnet("10.0.240.0/29");
        var used = new HashSet<Ipv4> { Ip("10.0.240.2"), Ip("10.0.240.3"), Ip("10.0.240.4"), Ip("10.0.240.5") };
        AddressRules.AllocateLowest(subnet, used).ToString().Should().Be("10.0.240.6");
    }

    [Theory]
    [InlineData("fe80::1")]
    [InlineData("10.0.240")]
    [InlineData("garbage")]
    public void ParseAddress_NotIpv4_IsInvalidParameterOnField(string text)
    {
        var errors = new ErrorCollector();
        AddressRules.ParseAddress(text, errors, "ipAddress").Should().BeNull();
        var act = errors.ThrowIfAny;
        var error = act.Should().Throw<DomainException>().Which.Errors.Single();
        error.Code.Should().Be(ErrorCode.InvalidParameter);
        error.Field.Should().Be("ipAddress");
    }

    internal static Subnet Subnet(string cidr, string? gateway = null, SubnetType type = SubnetType.Internal, string? ipv6Cidr = null)
    {
        Ipv4Cidr.TryParse(cidr, out var prefix, out _);
        return new Subnet
        {
            AccountId = "acct-default",
            Id = "subnet-test0001",
            VpcId = "vpc-test0001",
            Name = "s",
            Cidr = cidr,
            Gateway = gateway ?? prefix.FirstHost.ToString(),
            Type = type,
            Ipv6Cidr = ipv6Cidr,
        };
    }

    internal static Ipv4 Ip(string text) => Ipv4.TryParse(text, out var ip) ? ip : throw new ArgumentException(text);
}
