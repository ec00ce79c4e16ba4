using HaVip.Cli.Commands;

namespace HaVip.Cli.Tests.Commands;

public sealed class ProbeLineTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Local);

    [Fact]
    public void Next_SameAnswer_PrintsOnce()
    {
        var lines = new ProbeLine();
        lines.Next("havip-01", T0).Should().EndWith("havip-01 answers");
        lines.Next("havip-01", T0.AddSeconds(1)).Should().BeNull();
    }

    [Fact]
    public void Next_Failover_PrintsSilenceThenNewAnswerWithGap()
    {
        var lines = new ProbeLine();
        lines.Next("havip-01", T0);
        lines.Next(null, T0.AddMilliseconds(200)).Should().EndWith("no answer");
        lines.Next(null, T0.AddMilliseconds(400)).Should().BeNull();
        lines.Next("havip-02", T0.AddMilliseconds(1400)).Should().EndWith("havip-02 answers (after a gap of 1200 ms)");
    }

    [Fact]
    public void Next_SameAnswerAfterGap_IsQuiet()
    {
        var lines = new ProbeLine();
        lines.Next("havip-01", T0);
        lines.Next(null, T0.AddMilliseconds(200));
        lines.Next("havip-01", T0.AddMilliseconds(300)).Should().EndWith("havip-01 answers (after a gap of 100 ms)");
    }
}
