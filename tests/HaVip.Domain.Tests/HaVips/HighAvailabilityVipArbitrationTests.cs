using HaVip.Domain.HaVips;
using HaVip.Domain.Health;

namespace HaVip.Domain.Tests.HaVips;

/// <summary>The platform's decision stored on the HAVIP (docs/split-brain.md): who serves the VIP, since when, why.</summary>
public sealed class HighAvailabilityVipArbitrationTests : OnVirtualClock
{
    private const string A = "i-00000001";
    private const string B = "i-00000002";

    private static ArbiterDecision Alone(string id, int priority = 100) => new(id, priority, ArbitrationReason.Alone, []);

    private static ArbiterDecision Split(string chosen, int priority, string rival, int rivalPriority) =>
        new(chosen, priority, ArbitrationReason.Priority, [new ArbiterRival(rival, rivalPriority)]);

    [Fact]
    public void FirstDecision_MakesTheChosenTheMaster_WithAnArbitratedEvent_AndKeepsTheVersion()
    {
        var vip = HaVipStates.Available(Clock, A, B);
        var version = vip.Version;

        var events = vip.Arbitrate(Alone(A), Clock.Now);

        // The master's timeline reads the same whether a claim or a decision moved it.
        events.Should().HaveCount(2).And.ContainSingle(e => e.Kind == HaVipEventKinds.Master && e.InstanceId == A && e.Message == $"master is now {A}");
        events.Should().ContainSingle(e => e.Kind == HaVipEventKinds.Arbitrated).Which.Should().Match<HaVipEvent>(e => e.Kind == HaVipEventKinds.Arbitrated
            && e.InstanceId == A && e.At == Clock.Now && e.Message == $"{A} advertises alone at priority 100; VIP on {A}");
        (vip.DecidedInstanceId, vip.DecidedSince, vip.DecidedReason).Should().Be((A, Clock.Now, ArbitrationReason.Alone));
        vip.MasterInstanceId.Should().Be(A);
        vip.Version.Should().Be(version, "a decision is an observation's consequence, not a change of the HAVIP's configuration");
    }

    [Fact]
    public void SplitBeside_TheChosen_KeepsItsSince_AndSaysKept()
    {
        var vip = HaVipStates.Available(Clock, A, B);
        var since = Clock.Now;
        vip.Arbitrate(Alone(A), since);
        Time.Advance(TimeSpan.FromSeconds(5));

        var events = vip.Arbitrate(Split(A, 100, B, 90), Clock.Now);

        events.Should().ContainSingle(e => e.Message == $"split brain: {B} advertises priority 90 beside {A} at 100; VIP kept on {A}");
        (vip.DecidedInstanceId, vip.DecidedSince, vip.DecidedReason).Should().Be((A, since, ArbitrationReason.Priority));
        vip.Arbitrate(Split(A, 100, B, 90), Clock.Now).Should().BeEmpty("the same decision again writes nothing");
    }

    [Fact]
    public void WhileADecisionStands_OnlyTheChosensClaimsMoveTheMaster()
    {
        var vip = HaVipStates.Available(Clock, A, B);
        vip.Arbitrate(Split(A, 100, B, 90), Clock.Now);
        Time.Advance(TimeSpan.FromSeconds(1));

        vip.TakeHolder(B, Clock.Now, Clock.Now).Should().BeEmpty("the loser's claim is dropped at its port");
        vip.MasterInstanceId.Should().Be(A);
        vip.TakeHolder(A, Clock.Now, Clock.Now).Should().BeEmpty();
        vip.MasterSince.Should().Be(Clock.Now, "the chosen one's claim still orders later ones");
    }

    [Fact]
    public void MovedDecision_MovesTheMaster_AndLiftedDecision_LetsClaimsLeadAgain()
    {
        var vip = HaVipStates.Available(Clock, A, B);
        vip.Arbitrate(Alone(A), Clock.Now);
        Time.Advance(TimeSpan.FromSeconds(3));

        var moved = vip.Arbitrate(Alone(B, 90), Clock.Now);
        moved.Should().ContainSingle(e => e.Message == $"{B} advertises alone at priority 90; VIP moved from {A} to {B}");
        moved.Should().ContainSingle(e => e.Kind == HaVipEventKinds.Master && e.InstanceId == B && e.Message == $"master moved from {A} to {B}");
        (vip.MasterInstanceId, vip.DecidedSince).Should().Be((B, Clock.Now));

        Time.Advance(TimeSpan.FromSeconds(3));
        vip.Arbitrate(null, Clock.Now).Should().ContainSingle(e => e.Kind == HaVipEventKinds.Arbitrated && e.InstanceId == null
            && e.Message == $"no bound instance advertises; decision for {B} lifted, the network follows claims");
        (vip.DecidedInstanceId, vip.DecidedSince, vip.DecidedReason).Should().Be(((string?)null, (DateTime?)null, (ArbitrationReason?)null));
        vip.MasterInstanceId.Should().Be(B, "the last holder stays the master until a claim moves it");
        vip.Arbitrate(null, Clock.Now).Should().BeEmpty();
        Time.Advance(TimeSpan.FromSeconds(1));
        vip.TakeHolder(A, Clock.Now, Clock.Now).Should().ContainSingle(e => e.Kind == HaVipEventKinds.Master);
    }

    [Fact]
    public void UnbindingTheChosen_LiftsTheDecision_AndADeletingHaVipTakesNone()
    {
        var vip = HaVipStates.Available(Clock, A, B);
        vip.Arbitrate(Alone(A), Clock.Now);

        vip.Unbind(A, Clock.Now);

        vip.DecidedInstanceId.Should().BeNull();
        var deleting = HaVipStates.In(HaVipStatus.Deleting, Clock, A);
        deleting.Arbitrate(Alone(A), Clock.Now).Should().BeEmpty();
        deleting.DecidedInstanceId.Should().BeNull();
    }

    [Fact]
    public void DecisionForAnUnboundInstance_IsIgnored()
    {
        var vip = HaVipStates.Available(Clock, A);

        vip.Arbitrate(Alone(B), Clock.Now).Should().BeEmpty();
        vip.DecidedInstanceId.Should().BeNull();
    }
}
