using HaVip.Agent.Links;
using HaVip.Agent.Sync;
using HaVip.Linux.Commands;

namespace HaVip.Agent.Tests.Sync;

/// <summary>What counts as drift between the kernel and the last apply, and what does not.</summary>
public sealed class KernelDriftTests
{
    private static readonly string Applied = KernelDrift.Normalize(NftListings.Table(handleBase: 1, packets: 0));

    private static IReadOnlyList<KernelLink> Plugged =>
    [
        new(Samples.BoundPort.PortName, "hvbr1000", "veth", true),
        new(Samples.UnboundPort.PortName, "hvbr1000", "veth", true),
    ];

    [Fact]
    public void Find_SameTable_OtherHandlesAndCounterValues_IsNoDrift()
    {
        KernelDrift.Find(Samples.State, Applied, Listed(NftListings.Table(handleBase: 40, packets: 17)), Plugged).Should().BeEmpty();
    }

    [Fact]
    public void Find_DecisionElementsCameOrLapsed_IsNoDrift()
    {
        KernelDrift.Find(Samples.State, Applied, Listed(NftListings.Table(handleBase: 1, packets: 0, decisionExpires: 2)), Plugged).Should().BeEmpty();
        var refreshed = KernelDrift.Normalize(NftListings.Table(handleBase: 1, packets: 0, decisionExpires: 2));
        KernelDrift.Find(Samples.State, refreshed, Listed(NftListings.Table(handleBase: 9, packets: 3)), Plugged).Should().BeEmpty();
    }

    [Fact]
    public void Find_TableGone_IsTableDrift()
    {
        var missing = new CommandResult("nft -j list table bridge havip", 1, "", "Error: No such file or directory");

        KernelDrift.Find(Samples.State, Applied, missing, Plugged).Should().Equal(KernelDrift.Table);
    }

    [Fact]
    public void Find_ChainFlushed_IsRulesDrift()
    {
        KernelDrift.Find(Samples.State, Applied, Listed(NftListings.Table(handleBase: 1, packets: 0, portRules: false)), Plugged).Should().Equal(KernelDrift.Rules);
    }

    [Fact]
    public void Find_RuleChanged_IsRulesDrift()
    {
        var edited = NftListings.Table(handleBase: 1, packets: 0).Replace("02:00:00:00:00:0e", "02:00:00:00:00:99", StringComparison.Ordinal);

        KernelDrift.Find(Samples.State, Applied, Listed(edited), Plugged).Should().Equal(KernelDrift.Rules);
    }

    [Fact]
    public void Find_PortOutOfItsBridge_IsPortDrift_AMissingPortIsNot()
    {
        IReadOnlyList<KernelLink> detached = [new(Samples.BoundPort.PortName, null, "veth", true)];

        KernelDrift.Find(Samples.State, Applied, Listed(NftListings.Table(1, 0)), detached).Should().Equal(KernelDrift.Port);
        KernelDrift.Find(Samples.State, Applied, Listed(NftListings.Table(1, 0)), []).Should().BeEmpty("a missing port is the apply's error, not drift");
    }

    [Fact]
    public void Find_BeforeAnyRulesetWasWritten_NoTableIsNoDrift()
    {
        var missing = new CommandResult("nft -j list table bridge havip", 1, "", "Error: No such file or directory");

        KernelDrift.Find(Samples.State, null, missing, Plugged).Should().BeEmpty();
    }

    private static CommandResult Listed(string json) => new("nft -j list table bridge havip", 0, json, "");
}
