using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.Tests.Resources;

public sealed class InstanceRulesTests
{
    private static readonly NicSpec Inside = new("subnet-abcdefgh", null, null, null);

    [Theory]
    [InlineData(0, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void CheckHaVipQuota_FiveIsTheMost(int current, bool allowed)
    {
        var act = () => InstanceRules.CheckHaVipQuota("i-abcdefgh", current);
        if (allowed)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.InstanceHaVipLimitExceeded);
        }
    }

    public static TheoryData<NicSpec?[], string> BadNics => new()
    {
        { Enumerable.Range(0, 9).Select(i => (NicSpec?)new NicSpec($"subnet-abcdefg{i}", null, null, null)).ToArray(), "nics" },
        { [null], "nics[0]" },
        { [Inside with { Device = "a-name-longer-than-15" }], "nics[0].device" },
        { [Inside with { Device = "eth 0" }], "nics[0].device" },
        { [Inside with { IpAddress = "10.0.240" }], "nics[0].ipAddress" },
        { [Inside with { MacAddress = "01:00:00:00:00:01" }], "nics[0].macAddress" },
        { [Inside with { SubnetId = "vpc-abcdefgh" }], "nics[0].subnetId" },
        { [Inside, Inside with { Device = "eth9" }], "nics" },
        { [Inside with { Device = "eth1" }, new NicSpec("subnet-bbcdefgh", null, null, null)], "nics" },
    };

    [Theory]
    [MemberData(nameof(BadNics))]
    public void CheckCreate_BadNics_NamesTheField(NicSpec?[] nics, string field)
    {
        var act = () => InstanceRules.CheckCreate("vm", "vpc-abcdefgh", null, nics);
        act.Should().Throw<DomainException>().Which.Errors.Select(e => e.Field).Should().Contain(field);
    }

    [Fact]
    public void CheckCreate_EightNicsOfDistinctSubnets_IsAccepted()
    {
        var nics = Enumerable.Range(0, 8).Select(i => (NicSpec?)new NicSpec($"subnet-abcdefg{i}", null, null, null)).ToArray();
        var act = () => InstanceRules.CheckCreate("vm", "vpc-abcdefgh", "hv-1.lab", nics);
        act.Should().NotThrow();
    }

    [Fact]
    public void CheckCreate_AllProblemsAtOnce()
    {
        var act = () => InstanceRules.CheckCreate("", "x", "-bad", [Inside with { Device = "" }]);
        act.Should().Throw<DomainException>().Which.Errors.Select(e => e.Field).Should().Contain(["name", "vpcId", "host", "nics[0].device"]);
    }

    [Theory]
    [InlineData("hv1", true)]
    [InlineData("", true)]
    [InlineData("-hv1", false)]
    [InlineData("hv 1", false)]
    public void CheckUpdate_HostNames(string host, bool ok)
    {
        var act = () => InstanceRules.CheckUpdate(null, host);
        if (ok)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<DomainException>().Which.Errors.Should().ContainSingle(e => e.Field == "host");
        }
    }

    [Fact]
    public void Update_MovesOnlyWhenTheHostChanges()
    {
        var instance = new Instance { AccountId = "acct-default", Id = "i-00000001", Name = "vm", VpcId = "vpc-test0001", Host = "hv1" };
        instance.Update("vm2", null).Should().BeFalse("null keeps the host");
        instance.Update(null, "hv1").Should().BeFalse("the same host is no move");
        instance.Update(null, "hv2").Should().BeTrue();
        instance.Update(null, "").Should().BeTrue("an empty host unplaces the instance");
        instance.Name.Should().Be("vm2");
        instance.Host.Should().BeNull();
    }
}
