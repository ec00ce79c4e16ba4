using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>
/// keepalived's process knobs in global_defs: <c>vrrp_rt_priority</c> (1-99, real-time
/// round-robin), <c>vrrp_priority</c> (nice, -20 to 19) and <c>vrrp_no_swap</c> (lock memory).
/// </summary>
public sealed class ProcessKeywordsTests
{
    [Fact]
    public void Parse_AllThree_Read()
    {
        var result = TestData.ParseText("global_defs {\n vrrp_rt_priority 50\n vrrp_priority -10\n vrrp_no_swap\n}\n");

        result.Diagnostics.Should().BeEmpty();
        (result.Config.GlobalDefs.RealtimePriority, result.Config.GlobalDefs.NicePriority, result.Config.GlobalDefs.NoSwap).Should().Be((50, -10, true));
    }

    [Fact]
    public void Parse_None_KeepalivedDefaults()
    {
        var g = TestData.ParseText("global_defs {\n router_id a\n}\n").Config.GlobalDefs;

        (g.RealtimePriority, g.NicePriority, g.NoSwap).Should().Be(((int?)null, (int?)null, false));
    }

    [Theory]
    [InlineData("vrrp_rt_priority 0")]
    [InlineData("vrrp_rt_priority 100")]
    [InlineData("vrrp_priority 20")]
    [InlineData("vrrp_priority -21")]
    public void Parse_OutOfRange_LocatedError(string line)
    {
        var result = TestData.ParseText($"global_defs {{\n {line}\n}}\n");

        result.Diagnostics.Should().ContainSingle(d => d.Severity == DiagnosticSeverity.Error)
            .Which.ToString().Should().StartWith("test.conf:2:");
    }
}
