using HaVip.Domain.Health;

namespace HaVip.Domain.Tests.Health;

/// <summary>
/// The platform's decision of which bound instance serves the VIP (docs/split-brain.md): VRRP's own
/// rule (RFC 5798 §6.4.3) over what was observed at each moment of a virtual clock.
/// </summary>
public sealed class ArbiterTests
{
    private const string Vip = "10.0.240.204";
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static readonly ArbiterVoter A = new("i-a", "10.0.240.10");
    private static readonly ArbiterVoter B = new("i-b", "10.0.240.20");
    private static readonly ArbiterVoter C = new("i-c", "10.0.240.9");

    private static VrrpObservation Advert(string id, int priority, DateTime startedAt, bool advertising = true) =>
        new(id, 51, advertising, 2, priority, Second, "SimplePassword", [Vip], TimeSpan.FromSeconds(3.6), startedAt, startedAt, startedAt);

    [Fact]
    public void NoCandidates_NoDecision()
    {
        Arbiter.Decide([A, B], [], T0).Should().BeNull("nobody advertises: the data plane follows claims");
        Arbiter.Decide([A, B], [Advert("i-a", 100, T0, advertising: false)], T0 + Second).Should().BeNull("a silent instance is no candidate");
        Arbiter.Decide([], [Advert("i-a", 100, T0)], T0).Should().BeNull("nothing bound, nothing to decide");
    }

    [Fact]
    public void RunReportedBeforeTheBinding_IsNoCandidate()
    {
        var boundLater = B with { BoundAt = T0 + Second };

        Arbiter.Decide([A, boundLater], [Advert("i-a", 100, T0), Advert("i-b", 200, T0)], T0 + Second)!.InstanceId
            .Should().Be("i-a", "i-b's run was reported before its binding: a former configuration's, its stop perhaps lost");
        Arbiter.Decide([A, boundLater], [Advert("i-a", 100, T0), Advert("i-b", 200, T0 + Second)], T0 + Second)!.InstanceId
            .Should().Be("i-b", "reported from its binding on, it counts");
    }

    [Fact]
    public void OneAdvertiser_IsChosenAlone()
    {
        var decision = Arbiter.Decide([A, B], [Advert("i-b", 100, T0)], T0).Should().NotBeNull().And.Subject.As<ArbiterDecision>();

        decision.InstanceId.Should().Be("i-b");
        decision.Reason.Should().Be(ArbitrationReason.Alone);
        decision.Beside.Should().BeEmpty();
    }

    [Fact]
    public void SplitBrain_HighestPriorityWins_WhoeverStartedFirst()
    {
        var split = T0 + TimeSpan.FromSeconds(10);
        var observations = new[] { Advert("i-a", 90, T0), Advert("i-b", 100, split) };

        Arbiter.Decide([A, B], observations, split - Tick)!.InstanceId.Should().Be("i-a", "before i-b's run starts, i-a advertises alone");
        var decision = Arbiter.Decide([A, B], observations, split)!;

        decision.InstanceId.Should().Be("i-b");
        decision.Reason.Should().Be(ArbitrationReason.Priority);
        decision.Priority.Should().Be(100);
        decision.Beside.Should().Equal(new ArbiterRival("i-a", 90));
    }

    [Fact]
    public void SplitBrain_EqualPriorities_HighestPrimaryAddressWins_ComparedAsNumbers()
    {
        // 10.0.240.9 sorts after 10.0.240.10 as text; VRRP compares the addresses as numbers.
        var decision = Arbiter.Decide([A, C], [Advert("i-c", 100, T0), Advert("i-a", 100, T0)], T0)!;

        decision.InstanceId.Should().Be("i-a");
        decision.Reason.Should().Be(ArbitrationReason.Address);
    }

    [Fact]
    public void SilentInstance_LosesToOneThatAdvertises_AndTheDecisionMovesWhenTheChosenStops()
    {
        var stop = T0 + TimeSpan.FromSeconds(20);
        Arbiter.Decide([A, B], [Advert("i-a", 150, T0), Advert("i-b", 100, T0)], stop - Tick)!.InstanceId.Should().Be("i-a");

        var decision = Arbiter.Decide([A, B], [Advert("i-a", 150, T0, advertising: false), Advert("i-b", 100, T0)], stop)!;

        decision.InstanceId.Should().Be("i-b", "the higher priority stopped advertising");
        decision.Reason.Should().Be(ArbitrationReason.Alone);
    }

    [Fact]
    public void PriorityZero_IsNoCandidate()
    {
        var decision = Arbiter.Decide([A, B], [Advert("i-a", 0, T0), Advert("i-b", 100, T0)], T0)!;

        decision.InstanceId.Should().Be("i-b", "priority 0 is a master resigning (RFC 5798 §6.4.3)");
        decision.Reason.Should().Be(ArbitrationReason.Alone);
        Arbiter.Decide([A], [Advert("i-a", 0, T0)], T0).Should().BeNull();
    }

    [Fact]
    public void UnboundAdvertiser_IsNoCandidate()
    {
        var decision = Arbiter.Decide([A], [Advert("i-x", 255, T0), Advert("i-a", 100, T0)], T0)!;

        decision.InstanceId.Should().Be("i-a");
        decision.Beside.Should().BeEmpty();
    }

    [Fact]
    public void Preemption_MovesTheDecisionToTheHigherPriority()
    {
        var preempt = T0 + TimeSpan.FromSeconds(30);
        var before = Arbiter.Decide([A, B], [Advert("i-a", 100, T0), Advert("i-b", 150, preempt)], preempt - Tick)!;
        var after = Arbiter.Decide([A, B], [Advert("i-a", 100, T0), Advert("i-b", 150, preempt)], preempt)!;

        before.InstanceId.Should().Be("i-a");
        after.InstanceId.Should().Be("i-b");
        after.Reason.Should().Be(ArbitrationReason.Priority);
    }

    [Fact]
    public void Describe_UsesTheIssuesWording_KeptOrMoved()
    {
        var split = Arbiter.Decide([A, B], [Advert("i-a", 100, T0), Advert("i-b", 90, T0)], T0)!;

        Arbiter.Describe(split, previous: "i-a").Should().Be("split brain: i-b advertises priority 90 beside i-a at 100; VIP kept on i-a");
        Arbiter.Describe(split, previous: "i-b").Should().Be("split brain: i-b advertises priority 90 beside i-a at 100; VIP moved from i-b to i-a");
        Arbiter.Describe(split, previous: null).Should().Be("split brain: i-b advertises priority 90 beside i-a at 100; VIP on i-a");
        var alone = Arbiter.Decide([A, B], [Advert("i-b", 100, T0)], T0)!;
        Arbiter.Describe(alone, previous: "i-a").Should().Be("i-b advertises alone at priority 100; VIP moved from i-a to i-b");
        Arbiter.DescribeLifted("i-a").Should().Be("no bound instance advertises; decision for i-a lifted, the network follows claims");
    }
}
