using HaVip.Server.HaVips;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// The leader's health round holds the write path about <see cref="RoundBudget.Hold"/>: its size
/// follows the last full round's cost per HAVIP. At 100,000 HAVIPs a fixed round of 200 held it
/// 100–400 ms, the p99 of every patch and create behind it (docs/benchmarks.md).
/// </summary>
public sealed class RoundBudgetTests
{
    [Fact]
    public void Starts_AtTheMinimum() => new RoundBudget().Next.Should().Be(RoundBudget.Min);

    [Fact]
    public void CheapFullRounds_GrowAtMostTwofold_UpToTheMaximum()
    {
        var budget = new RoundBudget();
        var sizes = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            budget.Observe(budget.Next, TimeSpan.FromMilliseconds(1));
            sizes.Add(budget.Next);
        }
        sizes.Should().Equal(32, 64, 128, 200, 200, 200);
    }

    [Fact]
    public void AFullRoundOverTheHold_ShrinksTheNextToWhatFitsTheHold()
    {
        var budget = Grown();
        // 200 HAVIPs in 100 ms: 0.5 ms each, so 20 ms hold 40.
        budget.Observe(200, TimeSpan.FromMilliseconds(100));
        budget.Next.Should().Be(40);
    }

    [Fact]
    public void AVerySlowRound_StillLeavesTheMinimum_SoABacklogDrains()
    {
        var budget = Grown();
        budget.Observe(200, TimeSpan.FromSeconds(5));
        budget.Next.Should().Be(RoundBudget.Min);
    }

    [Fact]
    public void ARoundThatFoundLessThanItCouldTake_ChangesNothing()
    {
        var budget = Grown();
        // 3 due HAVIPs in a slow 30 ms (a busy machine): not the cost of a full round.
        budget.Observe(3, TimeSpan.FromMilliseconds(30));
        budget.Next.Should().Be(RoundBudget.Max);
    }

    private static RoundBudget Grown()
    {
        var budget = new RoundBudget();
        while (budget.Next < RoundBudget.Max)
        {
            budget.Observe(budget.Next, TimeSpan.Zero);
        }
        return budget;
    }
}
