using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Tests.Addressing;

namespace HaVip.Domain.Tests.HaVips;

public sealed class HighAvailabilityVipTests : OnVirtualClock
{
    [Fact]
    public void Create_BindsInOrderAndRecordsCreationAndInstances()
    {
        var subnet = AddressRulesTests.Subnet("10.0.240.0/24");
        var spec = new NewHaVip(subnet, " web ", null, "10.0.240.9", 3, "abcdefgh", ["i-00000002", "i-00000001"]);
        var vip = HighAvailabilityVip.Create(spec, Clock.Now, out var events);
        vip.Should().Match<HighAvailabilityVip>(v => v.Name == "web" && v.Remark == "" && v.Status == HaVipStatus.Creating
            && v.SubnetId == subnet.Id && v.VpcId == subnet.VpcId && v.AccountId == subnet.AccountId && v.UpdatedAt == Clock.Now);
        vip.InstanceIds.Should().Equal("i-00000001", "i-00000002");
        events.Select(e => e.Message).Should().Equal("created with address 10.0.240.9", "instances: i-00000001, i-00000002");
    }

    [Fact]
    public void Create_FourInstances_IsRefused()
    {
        var spec = new NewHaVip(AddressRulesTests.Subnet("10.0.240.0/24"), "web", null, "10.0.240.9", 1, "abcdefgh", ["i-00000001", "i-00000002", "i-00000003", "i-00000004"]);
        var act = () => HighAvailabilityVip.Create(spec, Clock.Now, out _);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.TooManyInstances);
    }

    [Fact]
    public void Rename_ChangesNameAndRemark_BumpsVersion()
    {
        var vip = HaVipStates.Available(Clock);
        var before = vip.Version;
        Time.Advance(TimeSpan.FromSeconds(1));
        vip.Rename(" db ", null, Clock.Now);
        vip.Rename(null, "primary", Clock.Now);
        vip.Should().Match<HighAvailabilityVip>(v => v.Name == "db" && v.Remark == "primary" && v.Version == before + 2 && v.UpdatedAt == Clock.Now);
    }

    [Fact]
    public void Rename_BadName_IsRefusedAndChangesNothing()
    {
        var vip = HaVipStates.Available(Clock);
        var before = (vip.Name, vip.Remark, vip.Version);
        var act = () => vip.Rename("", new string('r', 257), Clock.Now);
        act.Should().Throw<DomainException>().Which.Errors.Select(e => e.Field).Should().Equal("name", "remark");
        (vip.Name, vip.Remark, vip.Version).Should().Be(before);
    }

    [Fact]
    public void Bind_FourthOrDuplicate_IsRefused()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001", "i-00000002", "i-00000003");
        var fourth = () => vip.Bind("i-00000004", Clock.Now);
        var duplicate = () => vip.Bind("i-00000001", Clock.Now);
        fourth.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.TooManyInstances);
        duplicate.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.InvalidParameter);
        vip.InstanceIds.Should().HaveCount(3);
    }

    [Fact]
    public void Bind_New_AddsAndRecordsTheBoundSet()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001");
        Time.Advance(TimeSpan.FromSeconds(1));
        vip.Bind("i-00000002", Clock.Now).Should().ContainSingle(e => e.Kind == HaVipEventKinds.Instances && e.Message == "instances: i-00000001, i-00000002");
        vip.UpdatedAt.Should().Be(Clock.Now);
    }

    [Theory]
    [InlineData(HaVipStatus.Creating, true)]
    [InlineData(HaVipStatus.Available, true)]
    [InlineData(HaVipStatus.Failed, true)]
    [InlineData(HaVipStatus.Deleting, false)]
    public void Bind_EveryStateButDeleting(HaVipStatus status, bool allowed)
    {
        var vip = HaVipStates.In(status, Clock);
        var act = () => vip.Bind("i-00000001", Clock.Now);
        if (allowed)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.InvalidState);
            vip.Bindings.Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData(HaVipStatus.Available, true)]
    [InlineData(HaVipStatus.Failed, true)]
    [InlineData(HaVipStatus.Creating, false)]
    [InlineData(HaVipStatus.Deleting, false)]
    public void EnsureDeletable_OnlyAvailableOrFailed(HaVipStatus status, bool allowed)
    {
        var act = HaVipStates.In(status, Clock).EnsureDeletable;
        if (allowed)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.InvalidState);
        }
    }

    [Fact]
    public void Unbind_NotBound_IsNotFound()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001");
        var act = () => vip.Unbind("i-00000002", Clock.Now);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.NotFound);
    }

    [Fact]
    public void Unbind_Master_ClearsMasterAndSince()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001", "i-00000002");
        vip.TakeHolder("i-00000001", Clock.Now, Clock.Now);
        vip.Unbind("i-00000001", Clock.Now).Should().ContainSingle(e => e.Message == "instances: i-00000002");
        vip.MasterInstanceId.Should().BeNull();
        vip.MasterSince.Should().BeNull();
    }

    [Fact]
    public void Unbind_Backup_KeepsTheMaster()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001", "i-00000002");
        var claimed = Clock.Now;
        vip.TakeHolder("i-00000001", claimed, Clock.Now);
        vip.Unbind("i-00000002", Clock.Now);
        (vip.MasterInstanceId, vip.MasterSince).Should().Be(("i-00000001", claimed));
    }

    [Fact]
    public void ReplaceInstances_SameSet_ChangesNothing()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001", "i-00000002");
        var updated = vip.UpdatedAt;
        Time.Advance(TimeSpan.FromSeconds(1));
        vip.ReplaceInstances(["i-00000002", "i-00000001"], Clock.Now).Should().BeEmpty();
        vip.UpdatedAt.Should().Be(updated);
    }

    [Fact]
    public void ReplaceInstances_KeepsTheBoundInTheirPlace_AppendsNew()
    {
        var vip = HaVipStates.Available(Clock, "i-00000002", "i-00000001");
        Time.Advance(TimeSpan.FromSeconds(1));
        vip.ReplaceInstances(["i-00000003", "i-00000002"], Clock.Now).Should().ContainSingle(e => e.Message == "instances: i-00000002, i-00000003");
    }

    [Fact]
    public void ReplaceInstances_FourOrDuplicate_IsRefusedAndChangesNothing()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001");
        var four = () => vip.ReplaceInstances(["i-00000002", "i-00000003", "i-00000004", "i-00000005"], Clock.Now);
        var twice = () => vip.ReplaceInstances(["i-00000002", "i-00000002"], Clock.Now);
        four.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.TooManyInstances);
        twice.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.InvalidParameter);
        vip.InstanceIds.Should().Equal("i-00000001");
    }

    [Fact]
    public void TakeHolder_NewMaster_RecordsEventAndKeepsVersion()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001", "i-00000002");
        var version = vip.Version;
        var claimed = Clock.Now;
        vip.TakeHolder("i-00000001", claimed, Clock.Now).Should().ContainSingle(e => e.Message == "master is now i-00000001" && e.At == claimed);
        vip.TakeHolder("i-00000002", claimed.AddSeconds(1), Clock.Now.AddSeconds(1)).Should().ContainSingle(e => e.Message == "master moved from i-00000001 to i-00000002");
        vip.Version.Should().Be(version, "the holder is an observation, not a change of the HAVIP's configuration");
    }

    [Fact]
    public void TakeHolder_OlderClaimUnboundOrDeleting_IsIgnored()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001", "i-00000002");
        var claimed = Clock.Now;
        vip.TakeHolder("i-00000002", claimed, Clock.Now);
        vip.TakeHolder("i-00000001", claimed.AddTicks(-10), Clock.Now).Should().BeEmpty("an older claim never wins");
        vip.TakeHolder("i-00000009", claimed.AddSeconds(1), Clock.Now).Should().BeEmpty("an unbound instance never holds the VIP");
        vip.MasterInstanceId.Should().Be("i-00000002");
        vip.BeginDelete(3, [], Clock);
        vip.TakeHolder("i-00000001", claimed.AddSeconds(2), Clock.Now).Should().BeEmpty();
        vip.MasterInstanceId.Should().BeNull();
    }

    [Fact]
    public void TakeHolder_SinceInTheFuture_BoundsNothing()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001", "i-00000002");
        vip.TakeHolder("i-00000001", Clock.Now.AddYears(1), Clock.Now);
        vip.TakeHolder("i-00000002", Clock.Now, Clock.Now).Should().ContainSingle();
        vip.MasterInstanceId.Should().Be("i-00000002");
    }
}
