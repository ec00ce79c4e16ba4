using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Domain.Tests.Addressing;

namespace HaVip.Domain.Tests.HaVips;

public sealed class HaVipRulesTests
{
    public static TheoryData<string?, string?, string?, string?, string[]?, string> BadCreateInputs => new()
    {
        { null, null, "subnet-abcdefgh", null, null, "name" },
        { "", null, "subnet-abcdefgh", null, null, "name" },
        { new string('n', 129), null, "subnet-abcdefgh", null, null, "name" },
        { "ok", new string('r', 257), "subnet-abcdefgh", null, null, "remark" },
        { "ok", null, null, null, null, "subnetId" },
        { "ok", null, "vpc-abcdefgh", null, null, "subnetId" },
        { "ok", null, "subnet-ABCDEFGH", null, null, "subnetId" },
        { "ok", null, "subnet-abcdefgh", "10.0.240", null, "ipAddress" },
        { "ok", null, "subnet-abcdefgh", "::1", null, "ipAddress" },
        { "ok", null, "subnet-abcdefgh", null, ["i-abcdefgh", "i-abcdefgh"], "instanceIds" },
        { "ok", null, "subnet-abcdefgh", null, ["nope"], "instanceIds[0]" },
    };

    [Theory]
    [MemberData(nameof(BadCreateInputs))]
    public void CheckCreateInput_Bad_NamesTheField(string? name, string? remark, string? subnetId, string? ip, string[]? instances, string field)
    {
        var act = () => HaVipRules.CheckCreateInput(name, remark, subnetId, ip, instances);
        act.Should().Throw<DomainException>().Which.Errors.Select(e => e.Field).Should().Contain(field);
    }

    [Theory]
    [InlineData("a", 0)]
    [InlineData("n", 256)]
    public void CheckCreateInput_AtTheLimits_IsAccepted(string name, int remarkLength)
    {
        var act = () => HaVipRules.CheckCreateInput(name + new string('x', 127), new string('r', remarkLength), "subnet-abcdefgh", "10.0.240.9", new[] { "i-a1bcdefgh", "i-a2bcdefgh", "i-a3bcdefgh" });
        act.Should().NotThrow();
    }

    [Fact]
    public void CheckCreateInput_AllProblemsAtOnce()
    {
        var act = () => HaVipRules.CheckCreateInput("", new string('r', 300), "x", "y", ["i-abcdefgh", "i-bbcdefgh", "i-cbcdefgh", "i-dbcdefgh"]);
        var errors = act.Should().Throw<DomainException>().Which.Errors;
        errors.Select(e => e.Field).Should().Contain(["name", "remark", "subnetId", "ipAddress", "instanceIds"]);
        errors.Should().Contain(e => e.Code == ErrorCode.TooManyInstances);
    }

    [Fact]
    public void CheckType_OtherNetwork_IsTypeMismatch()
    {
        var act = () => HaVipRules.CheckType(SubnetType.External, AddressRulesTests.Subnet("10.0.240.0/24"));
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.TypeMismatch);
    }

    [Fact]
    public void CheckInstanceInSubnet_NoNicThere_IsInstanceNotInSubnet()
    {
        var instance = new Instance { AccountId = "acct-default", Id = "i-00000001", Name = "vm", VpcId = "vpc-test0001" };
        instance.Nics.Add(new Nic { InstanceId = instance.Id, Device = "eth0", SubnetId = "subnet-other001", VpcId = "vpc-test0001", IpAddress = "10.0.1.2", MacAddress = "02:00:00:00:00:01" });
        var act = () => HaVipRules.CheckInstanceInSubnet(instance, AddressRulesTests.Subnet("10.0.240.0/24"));
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.InstanceNotInSubnet);
    }

    [Fact]
    public void AllocateVirtualRouterId_LowestFree_UntilExhausted()
    {
        var subnet = AddressRulesTests.Subnet("10.0.240.0/24");
        HaVipRules.AllocateVirtualRouterId(subnet, [1, 2, 4]).Should().Be(3);
        var act = () => HaVipRules.AllocateVirtualRouterId(subnet, Enumerable.Range(1, 255));
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.SubnetFull);
    }

    /// <summary>The user guide's HAVIP "web" (VRID 51) of <paramref name="subnet"/> at <paramref name="ip"/>, IPv4 or IPv6.</summary>
    internal static HighAvailabilityVip GuideVip(Subnet subnet, string ip) => new()
    {
        AccountId = "acct-default",
        Id = "havip-abcdefgh",
        Name = "web",
        VpcId = subnet.VpcId,
        SubnetId = subnet.Id,
        IpAddress = ip,
        Type = subnet.Type,
        VirtualRouterId = 51,
        AuthPass = "k3y9pass",
    };

    internal static HighAvailabilityVip Vip() => new()
    {
        Id = "havip-test0001",
        AccountId = "acct-default",
        Name = "v",
        VpcId = "vpc-test0001",
        SubnetId = "subnet-test0001",
        IpAddress = "10.0.240.9",
        AuthPass = "abcdefgh",
    };
}
