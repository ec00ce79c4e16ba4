using HaVip.Agent.Sync;

namespace HaVip.Agent.Tests.Sync;

public sealed class HaVipErrorsTests
{
    [Fact]
    public void From_MissingBoundPort_FailsThatHaVip()
    {
        var errors = HaVipErrors.From(Samples.State, new Dictionary<string, string> { [Samples.BoundPort.PortName] = "port gone" }, null);
        errors.Should().Equal(new Dictionary<string, string> { [Samples.Vip] = "port gone" });
    }

    [Fact]
    public void From_MissingUnboundPort_FailsNothing()
    {
        HaVipErrors.From(Samples.State, new Dictionary<string, string> { [Samples.UnboundPort.PortName] = "port gone" }, null).Should().BeEmpty();
    }

    [Fact]
    public void From_HostError_FailsEveryHaVip()
    {
        HaVipErrors.From(Samples.State, new Dictionary<string, string>(), "nft -f failed").Should().ContainKey(Samples.Vip).WhoseValue.Should().Be("nft -f failed");
    }
}
