using HaVip.Agent.Sync;

namespace HaVip.Agent.Tests.Sync;

public sealed class ReconnectBackoffTests
{
    [Theory]
    [InlineData(0.0, new[] { 50, 100, 200, 400, 800, 1600, 2500, 2500 })]
    [InlineData(1.0, new[] { 100, 200, 400, 800, 1600, 3200, 5000, 5000 })]
    public void Next_DoublesUpToFiveSeconds_WithinTheUpperHalfOfEachCeiling(double draw, int[] expectedMs)
    {
        var backoff = new ReconnectBackoff(new FixedRandom(draw));

        var delays = expectedMs.Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        delays.Should().Equal(expectedMs.Select(ms => (double)ms));
    }

    [Fact]
    public void Reset_StartsTheNextOutageFromTheFirstStep()
    {
        var backoff = new ReconnectBackoff(new FixedRandom(1.0));
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        backoff.Next().Should().Be(ReconnectBackoff.Initial);
    }

    [Fact]
    public void AThousandAgentsFailingAtOnce_RetryAtSpreadMoments()
    {
        // A replica restarts under 1,000 agents: each step's retries must not land together.
        var agents = Enumerable.Range(0, 1000).Select(seed => new ReconnectBackoff(new Random(seed))).ToArray();

        for (var step = 0; step < 7; step++)
        {
            var moments = agents.Select(a => a.Next().TotalMilliseconds).ToArray();
            var ceiling = Math.Min(100 * Math.Pow(2, step), 5000);

            moments.Should().OnlyContain(ms => ms >= ceiling / 2 && ms <= ceiling);
            // Uniform over the upper half: ten equal slices of it each get about 100 agents;
            // 50 is far outside the binomial spread (σ ≈ 9.5) and far from lockstep (1,000 in one).
            var slices = moments.GroupBy(ms => Math.Min(9, (int)((ms - (ceiling / 2)) / (ceiling / 20)))).ToDictionary(g => g.Key, g => g.Count());
            Enumerable.Range(0, 10).Select(s => slices.GetValueOrDefault(s)).Should().OnlyContain(n => n > 50, "step {0}: {1}", step, string.Join(",", slices.OrderBy(p => p.Key).Select(p => p.Value)));
        }
    }

    /// <summary>A random source that always draws the same value (1.0 stands for the top of the range).</summary>
    private sealed class FixedRandom(double draw) : Random
    {
        public override double NextDouble() => draw;
    }
}
