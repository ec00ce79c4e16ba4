using HaVip.Domain.HaVips;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Domain.Tests.HaVips;

public sealed class HaVipLifecycleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly HaVipLifecycle _lifecycle;

    public HaVipLifecycleTests() => _lifecycle = new HaVipLifecycle(_time, TimeSpan.FromSeconds(30));

    [Fact]
    public void RequireApply_NoHosts_IsAvailableAtOnce()
    {
        var vip = HaVipRulesTests.Vip();
        _lifecycle.RequireApply(vip, 1, []);
        vip.Status.Should().Be(HaVipStatus.Available);
    }

    [Fact]
    public void HostReported_OlderSequence_ChangesNothing()
    {
        var vip = HaVipRulesTests.Vip();
        _lifecycle.RequireApply(vip, 7, ["a"]);
        _lifecycle.HostReported(vip, "a", 6, null).Should().BeEmpty();
        vip.Status.Should().Be(HaVipStatus.Creating);
        _lifecycle.HostReported(vip, "a", 7, null).Should().ContainSingle(e => e.Status == HaVipStatus.Available);
        _lifecycle.HostReported(vip, "a", 7, null).Should().BeEmpty("a repeated report is idempotent");
    }

    [Fact]
    public void CheckDeadline_ExactlyAtDeadline_Fails()
    {
        var vip = HaVipRulesTests.Vip();
        _lifecycle.RequireApply(vip, 1, ["b", "a"]);
        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        _lifecycle.CheckDeadline(vip);
        vip.Status.Should().Be(HaVipStatus.Creating);
        _time.Advance(TimeSpan.FromTicks(1));
        _lifecycle.CheckDeadline(vip);
        vip.Status.Should().Be(HaVipStatus.Failed);
        vip.StatusReason.Should().Be("not applied by host(s) a, b within 30 s");
    }

    [Fact]
    public void NewChange_AfterFailure_GoesBackToCreating()
    {
        var vip = HaVipRulesTests.Vip();
        _lifecycle.RequireApply(vip, 1, ["a"]);
        _lifecycle.HostReported(vip, "a", 1, "boom");
        vip.Status.Should().Be(HaVipStatus.Failed);
        _lifecycle.RequireApply(vip, 2, ["a"]);
        vip.Status.Should().Be(HaVipStatus.Creating);
        vip.StatusReason.Should().BeNull();
    }

    [Fact]
    public void BeginDelete_UnbindsAndWaitsForHosts()
    {
        var vip = HaVipRulesTests.Vip();
        vip.Status = HaVipStatus.Available;
        vip.Bindings.Add(new HaVipBinding { HaVipId = vip.Id, InstanceId = "i-00000001" });
        vip.MasterInstanceId = "i-00000001";
        _lifecycle.BeginDelete(vip, 5, ["a"]);
        vip.Status.Should().Be(HaVipStatus.Deleting);
        vip.Bindings.Should().BeEmpty();
        vip.MasterInstanceId.Should().BeNull();
        _lifecycle.CanRemove(vip).Should().BeFalse();
        _lifecycle.HostReported(vip, "a", 5, null);
        _lifecycle.CanRemove(vip).Should().BeTrue();
    }

    [Fact]
    public void CanRemove_DeletingPastDeadline_IsTrue()
    {
        var vip = HaVipRulesTests.Vip();
        vip.Status = HaVipStatus.Failed;
        _lifecycle.BeginDelete(vip, 5, ["gone-host"]);
        _lifecycle.CanRemove(vip).Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(31));
        _lifecycle.CanRemove(vip).Should().BeTrue();
    }
}
