using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.Tests.Resources;

public sealed class ResourceRulesTests
{
    [Theory]
    [InlineData("vpc-", "vpc-")]
    [InlineData("havip-", "havip-")]
    [InlineData("i-", "i-")]
    public void New_IsWellFormedAndRandom(string prefix, string expected)
    {
        var ids = Enumerable.Range(0, 100).Select(_ => ResourceId.New(prefix)).ToArray();
        ids.Should().OnlyContain(id => id.StartsWith(expected, StringComparison.Ordinal) && ResourceId.IsWellFormed(id, prefix));
        ids.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("havip-abc", false)]
    [InlineData("havip-abcdefgh", true)]
    [InlineData("havip-ABCDEFGH", false)]
    [InlineData("vip-abcdefgh", false)]
    [InlineData("havip-abcd-efgh", false)]
    public void IsWellFormed_Table(string id, bool ok) => ResourceId.IsWellFormed(id, "havip-").Should().Be(ok);

    [Fact]
    public void Generate_Mac_IsLocallyAdministeredUnicast()
    {
        for (var i = 0; i < 50; i++)
        {
            var mac = MacAddresses.Generate();
            var first = Convert.ToByte(mac[..2], 16);
            (first & 0x01).Should().Be(0, "unicast");
            (first & 0x02).Should().Be(2, "locally administered");
            MacAddresses.Normalize(mac).Should().Be(mac);
        }
    }

    [Theory]
    [InlineData("02-AB-CD-EF-01-23", "02:ab:cd:ef:01:23")]
    [InlineData("01:00:5e:00:00:12", null)]
    [InlineData("00:00:00:00:00:00", null)]
    [InlineData("02:ab:cd:ef:01", null)]
    [InlineData("zz:ab:cd:ef:01:23", null)]
    public void Normalize_Table(string text, string? expected) => MacAddresses.Normalize(text).Should().Be(expected);

    [Fact]
    public void SubnetCreate_InternalOutsideVpc_OverlapAndGateway()
    {
        var vpc = new Vpc { AccountId = "acct-default", Id = "vpc-test0001", Name = "v", Cidr = "10.0.0.0/16" };
        var sibling = Addressing.AddressRulesTests.Subnet("10.0.240.0/24");

        var outside = () => SubnetRules.CheckCreate(vpc, "s", "10.1.0.0/24", null, SubnetType.Internal, []);
        var overlap = () => SubnetRules.CheckCreate(vpc, "s", "10.0.240.0/25", null, SubnetType.Internal, [sibling]);
        var badGateway = () => SubnetRules.CheckCreate(vpc, "s", "10.0.1.0/24", "10.0.2.1", SubnetType.Internal, []);
        var tooSmall = () => SubnetRules.CheckCreate(vpc, "s", "10.0.1.0/31", null, SubnetType.Internal, []);

        outside.Should().Throw<DomainException>().Which.Errors.Single().Field.Should().Be("cidr");
        overlap.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.CidrOverlap);
        badGateway.Should().Throw<DomainException>().Which.Errors.Single().Field.Should().Be("gateway");
        tooSmall.Should().Throw<DomainException>().Which.Errors.Single().Field.Should().Be("cidr");
        SubnetRules.CheckCreate(vpc, "ext", "192.168.177.0/24", null, SubnetType.External, [sibling]).Gateway.ToString().Should().Be("192.168.177.1");
    }

    [Fact]
    public void SubnetCreate_Ipv6Prefix_IsASlash64UnusedInTheVpc_AndReportedWithTheIpv4Errors()
    {
        var vpc = new Vpc { AccountId = "acct-default", Id = "vpc-test0001", Name = "v", Cidr = "10.0.0.0/16" };
        var sibling = new Subnet { Id = "subnet-1", AccountId = vpc.AccountId, VpcId = vpc.Id, Name = "s", Cidr = "10.0.240.0/24", Gateway = "10.0.240.1", Ipv6Cidr = "fd00:10:240::/64" };

        SubnetRules.CheckCreate(vpc, "s", "10.0.1.0/24", null, SubnetType.Internal, [sibling], "fd00:10:1::/64").Ipv6.ToString().Should().Be("fd00:10:1::/64");
        SubnetRules.CheckCreate(vpc, "s", "10.0.1.0/24", null, SubnetType.Internal, [sibling]).Ipv6.Should().BeNull();
        var same = () => SubnetRules.CheckCreate(vpc, "s", "10.0.1.0/24", null, SubnetType.Internal, [sibling], "fd00:10:240::/64");
        var both = () => SubnetRules.CheckCreate(vpc, "s", "10.0.1.0/33", null, SubnetType.Internal, [sibling], "fd00:10:1::/56");

        same.Should().Throw<DomainException>().Which.Errors.Single().Should().Match<DomainError>(e => e.Code == ErrorCode.CidrOverlap && e.Field == "ipv6Cidr");
        both.Should().Throw<DomainException>().Which.Errors.Select(e => e.Field).Should().BeEquivalentTo(["cidr", "ipv6Cidr"]);
    }
}
