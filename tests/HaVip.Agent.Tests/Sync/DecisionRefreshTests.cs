using HaVip.Agent.Links;
using HaVip.Agent.Metrics;
using HaVip.Agent.Sync;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Agent.Tests.Sync;

public sealed class DecisionRefreshTests : IDisposable
{
    private readonly FakeKernel _kernel = new();
    private readonly FakeTimeProvider _time = new();
    private readonly AgentMetrics _metrics = new();
    private readonly ServerContact _contact;
    private readonly StateApplier _applier;

    public DecisionRefreshTests()
    {
        _contact = new ServerContact(_time);
        _applier = new StateApplier(new LinkReconciler(_kernel, "10.255.0.11"), _kernel, _metrics, _time, _contact);
        _kernel.AddPort(Samples.BoundPort.PortName);
        _kernel.AddPort(Samples.UnboundPort.PortName);
    }

    public void Dispose() => _metrics.Dispose();

    private const string VipAddress = "10.0.240.204";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_Decided_WritesTheElementsInTheTablesOwnTransaction()
    {
        _contact.PollEnded(answered: true);

        await _applier.ApplyAsync(Samples.Decided(), Ct);

        var input = _kernel.NftInputs.Should().ContainSingle("a second transaction would leave the decision out between the two").Which;
        input.IndexOf("table bridge havip {", StringComparison.Ordinal).Should().BeLessThan(input.IndexOf("add element bridge havip decision", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReApply_SameChosen_KeepsArmedInPlace_MovedDecision_DeletesIt()
    {
        _contact.PollEnded(answered: true);
        await _applier.ApplyAsync(Samples.Decided(), Ct);
        var rebound = Samples.Decided() with { Sequence = 43, Ports = [Samples.BoundPort with { AllowedIps = [.. Samples.BoundPort.AllowedIps, "10.0.240.77"] }, Samples.UnboundPort] };
        _kernel.NftInputs.Clear();

        await _applier.ApplyAsync(rebound, Ct);

        _kernel.NftInputs.Should().ContainSingle().Which.Should().NotContain("delete table").And.NotContain("delete set bridge havip armed").And.NotContain("element bridge havip armed");
        _kernel.NftInputs.Clear();

        // Armed by the former chosen's adverts: no evidence that the new chosen advertises.
        await _applier.ApplyAsync(Samples.Decided(chosen: Samples.BoundPort.InstanceId) with { Sequence = 44 }, Ct);

        _kernel.NftInputs.Should().ContainSingle().Which.Should().EndWith(
            $"add element bridge havip armed {{ {VipAddress} }}\ndelete element bridge havip armed {{ {VipAddress} }}\n", "the only stale element, deleted last in the same transaction");
    }

    [Fact]
    public async Task Refresh_InContact_RewritesElements_LostContact_WritesNothing()
    {
        _contact.PollEnded(answered: true);
        await _applier.ApplyAsync(Samples.Decided(), Ct);
        _kernel.NftInputs.Clear();

        (await _applier.RefreshDecisionsAsync(Ct)).Should().BeTrue();
        _kernel.NftInputs.Should().ContainSingle().Which.Should().Contain("delete element bridge havip decision");

        _time.Advance(ServerContact.Grace);
        (await _applier.RefreshDecisionsAsync(Ct)).Should().BeFalse("nothing heard for the grace period: the decisions must lapse");
        _kernel.NftInputs.Should().ContainSingle();
    }

    [Fact]
    public async Task Refresh_NoDecision_WritesNothing()
    {
        _contact.PollEnded(answered: true);
        await _applier.ApplyAsync(Samples.State, Ct);

        (await _applier.RefreshDecisionsAsync(Ct)).Should().BeFalse();
        _kernel.NftInputs.Should().ContainSingle("only the table");
    }

    [Fact]
    public void Contact_OpenPoll_HoldsUntilItsWaitAndGraceRunOut()
    {
        _contact.InContact.Should().BeFalse("never heard");
        _contact.PollStarted(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(39));
        _contact.InContact.Should().BeTrue("a long poll may be held 30 s");
        _time.Advance(TimeSpan.FromSeconds(1));
        _contact.InContact.Should().BeFalse("an overdue poll is no contact");
        _contact.PollEnded(answered: false);
        _contact.InContact.Should().BeFalse("a failed poll is no answer");
    }
}
