using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Hosts;

namespace HaVip.Domain.Tests.HaVips;

public sealed class HighAvailabilityVipApplyTests : OnVirtualClock
{
    [Fact]
    public void RequireApply_NoHosts_IsAvailableAtOnce()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(1, [], Clock);
        vip.Status.Should().Be(HaVipStatus.Available);
    }

    [Fact]
    public void RequireApply_BumpsVersionOnceAndSetsGenerationAndDeadline()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(7, ["a"], Clock);
        vip.Should().Match<HighAvailabilityVip>(v => v.Version == 1 && v.Generation == 7 && v.ApplyDeadline == Clock.Now.AddSeconds(30));
        vip.Hosts.Should().ContainSingle(h => h.Host == "a" && h.RequiredGeneration == 7 && h.AppliedGeneration == 0);
    }

    [Fact]
    public void RequireApply_HostGone_DropsItsRow()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(1, ["a", "b"], Clock);
        vip.RequireApply(2, ["b"], Clock);
        vip.Hosts.Select(h => h.Host).Should().Equal("b");
    }

    [Fact]
    public void HostReported_OlderSequence_ChangesNothing()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(7, ["a"], Clock);
        vip.MarkApplied("a", 6, null, Clock).Should().BeEmpty();
        vip.Status.Should().Be(HaVipStatus.Creating);
        vip.MarkApplied("a", 7, null, Clock).Should().ContainSingle(e => e.Status == HaVipStatus.Available);
        vip.MarkApplied("a", 7, null, Clock).Should().BeEmpty("a repeated report is idempotent");
    }

    [Fact]
    public void MarkApplied_UnknownHost_ChangesNothing()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(1, ["a"], Clock);
        vip.MarkApplied("stranger", 9, null, Clock).Should().BeEmpty();
        vip.Status.Should().Be(HaVipStatus.Creating);
    }

    [Fact]
    public void MarkApplied_WithError_FailsWithTheHostsReason()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(1, ["a"], Clock);
        vip.MarkApplied("a", 1, "nft: syntax error", Clock);
        vip.Should().Match<HighAvailabilityVip>(v => v.Status == HaVipStatus.Failed && v.StatusReason == "host a could not apply it: nft: syntax error");
    }

    [Fact]
    public void CheckDeadline_ExactlyAtDeadline_Fails()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(1, ["b", "a"], Clock);
        Time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        vip.CheckDeadline(Clock);
        vip.Status.Should().Be(HaVipStatus.Creating);
        Time.Advance(TimeSpan.FromTicks(1));
        vip.CheckDeadline(Clock);
        vip.Status.Should().Be(HaVipStatus.Failed);
        vip.StatusReason.Should().Be("not applied by host(s) a, b within 30 s");
    }

    [Fact]
    public void CheckDeadline_WithHostStates_NamesEachPendingHostWithItsState_NotTheOnesThatApplied()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(5, ["ready", "done"], Clock);
        vip.MarkApplied("done", 5, null, Clock);
        vip.RequireApply(7, ["stale", "ready", "done", "gone"], Clock);
        vip.MarkApplied("ready", 6, null, Clock);
        vip.MarkApplied("done", 7, null, Clock);
        var lastSeen = Clock.Now.AddSeconds(-20);
        Time.Advance(TimeSpan.FromSeconds(30));

        vip.CheckDeadline(Clock, [
            new PendingHost("stale", HostState.Stale, lastSeen), new PendingHost("ready", HostState.Ready, Clock.Now),
            new PendingHost("gone", HostState.Unknown, null), new PendingHost("done", HostState.Ready, Clock.Now)]);

        vip.StatusReason.Should().Be("not applied by host(s) gone, ready, stale within 30 s: host gone is unknown (no agent ever registered); "
            + $"host ready is ready (its agent is in contact) but has not acknowledged change 7; host stale is stale (no contact since {lastSeen:O})");
    }

    [Fact]
    public void MarkApplied_FailedAtDeadline_OtherHostsStillMissing_NoEvent_TheDeadlinesReasonStays()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(3, ["a", "b", "c"], Clock);
        var lastSeen = Clock.Now;
        Time.Advance(TimeSpan.FromSeconds(30));
        vip.CheckDeadline(Clock, [new PendingHost("a", HostState.Stale, lastSeen), new PendingHost("b", HostState.Unknown, null), new PendingHost("c", HostState.Unknown, null)]);
        var failure = (vip.Status, vip.StatusReason, vip.UpdatedAt, vip.Version);
        Time.Advance(TimeSpan.FromMinutes(2));

        vip.MarkApplied("a", 3, null, Clock).Should().BeEmpty("b and c still miss it: the HAVIP is failed as it was, and its history says since when and why");
        vip.MarkApplied("b", 9, null, Clock).Should().BeEmpty();

        (vip.Status, vip.StatusReason, vip.UpdatedAt, vip.Version).Should().Be(failure, "the reason names the hosts that had not applied it by the deadline");
        vip.PendingHosts().Should().Equal("c");
        vip.MarkApplied("c", 3, null, Clock).Should().ContainSingle(e => e.Status == HaVipStatus.Available && e.Message == "status available");
        vip.Should().Match<HighAvailabilityVip>(v => v.Status == HaVipStatus.Available && v.StatusReason == null);
    }

    [Fact]
    public void MarkApplied_FailedAtDeadline_AHostReportsAnError_FailsWithTheHostsError()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(3, ["a", "b"], Clock);
        Time.Advance(TimeSpan.FromSeconds(30));
        vip.CheckDeadline(Clock);

        vip.MarkApplied("a", 3, "nft: boom", Clock).Should().ContainSingle(e => e.Status == HaVipStatus.Failed && e.Message == "status failed: host a could not apply it: nft: boom");
        vip.StatusReason.Should().Be("host a could not apply it: nft: boom");
    }

    [Fact]
    public void MarkApplied_FailedByAHostsError_ThatHostApplies_OthersMissingPastTheDeadline_FailsAtTheDeadline()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(3, ["a", "b"], Clock);
        vip.MarkApplied("a", 3, "nft: boom", Clock);
        Time.Advance(TimeSpan.FromSeconds(30));

        vip.MarkApplied("a", 3, null, Clock).Should().ContainSingle(e => e.Status == HaVipStatus.Failed, "the host's error is gone: the failure is now the deadline's");
        vip.StatusReason.Should().Be("not applied by host(s) b within 30 s");
    }

    [Fact]
    public void NewChange_AfterFailure_GoesBackToCreating()
    {
        var vip = HaVipRulesTests.Vip();
        vip.RequireApply(1, ["a"], Clock);
        vip.MarkApplied("a", 1, "boom", Clock);
        vip.Status.Should().Be(HaVipStatus.Failed);
        vip.RequireApply(2, ["a"], Clock);
        vip.Status.Should().Be(HaVipStatus.Creating);
        vip.StatusReason.Should().BeNull();
    }

    [Fact]
    public void BeginDelete_UnbindsAndWaitsForHosts()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001");
        vip.TakeHolder("i-00000001", Clock.Now, Clock.Now);
        vip.BeginDelete(5, ["a"], Clock);
        vip.Status.Should().Be(HaVipStatus.Deleting);
        vip.Bindings.Should().BeEmpty();
        vip.MasterInstanceId.Should().BeNull();
        vip.CanRemove(Clock).Should().BeFalse();
        vip.MarkApplied("a", 5, null, Clock);
        vip.CanRemove(Clock).Should().BeTrue();
    }

    [Fact]
    public void BeginDelete_MasterHeld_ClearsMasterAndSince()
    {
        var vip = HaVipStates.Available(Clock, "i-00000001");
        vip.TakeHolder("i-00000001", Clock.Now, Clock.Now);
        vip.BeginDelete(5, ["a"], Clock);
        vip.MasterInstanceId.Should().BeNull();
        vip.MasterSince.Should().BeNull("dropping the holder clears its claim time as unbinding does");
    }

    [Fact]
    public void BeginDelete_BumpsVersionOnce()
    {
        var vip = HaVipStates.Available(Clock);
        var before = vip.Version;
        vip.BeginDelete(5, ["a"], Clock);
        vip.Version.Should().Be(before + 1);
    }

    [Theory]
    [InlineData(HaVipStatus.Creating)]
    [InlineData(HaVipStatus.Deleting)]
    public void BeginDelete_NotSettled_IsRefusedAndChangesNothing(HaVipStatus status)
    {
        var vip = HaVipStates.In(status, Clock, "i-00000001");
        var before = (vip.Version, vip.Status, vip.InstanceIds.Count);
        var act = () => vip.BeginDelete(9, ["a"], Clock);
        act.Should().Throw<DomainException>().Which.Code.Should().Be(ErrorCode.InvalidState);
        (vip.Version, vip.Status, vip.InstanceIds.Count).Should().Be(before);
    }

    [Fact]
    public void Deleting_IgnoresLaterAcksUntilRemovable()
    {
        var vip = HaVipStates.Available(Clock);
        vip.BeginDelete(5, ["a"], Clock);
        Time.Advance(TimeSpan.FromSeconds(31));
        vip.CheckDeadline(Clock).Should().BeEmpty("a deleting HAVIP does not fail; it is removed");
        vip.Status.Should().Be(HaVipStatus.Deleting);
    }

    [Fact]
    public void CanRemove_DeletingPastDeadline_IsTrue()
    {
        var vip = HaVipStates.In(HaVipStatus.Failed, Clock);
        vip.BeginDelete(5, ["gone-host"], Clock);
        vip.CanRemove(Clock).Should().BeFalse();
        Time.Advance(TimeSpan.FromSeconds(31));
        vip.CanRemove(Clock).Should().BeTrue();
    }
}
