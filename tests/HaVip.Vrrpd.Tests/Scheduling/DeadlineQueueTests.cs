using HaVip.Vrrpd.Scheduling;

namespace HaVip.Vrrpd.Tests.Scheduling;

public sealed class DeadlineQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private sealed record Item(string Name) : IScheduled
    {
        private DeadlineSlot _slot;

        public ref DeadlineSlot Slot => ref _slot;
    }

    [Fact]
    public void TakeDue_SeveralDue_ReturnsThemEarliestFirstAndLeavesTheRest()
    {
        var (a, b, c) = (new Item("a"), new Item("b"), new Item("c"));
        var q = new DeadlineQueue<Item>();
        q.Set(c, T0.AddSeconds(3), TimeSpan.Zero);
        q.Set(b, T0.AddSeconds(2), TimeSpan.Zero);
        q.Set(a, T0.AddSeconds(1), TimeSpan.Zero);

        var due = new List<Item>();
        var earliest = q.TakeDue(T0.AddSeconds(2), due);

        due.Should().Equal(a, b);
        earliest.Should().Be(T0.AddSeconds(1), "the loop measures its lateness against the earliest deadline it ran");
        q.TakeDue(T0.AddSeconds(2), due).Should().BeNull();
        q.Count.Should().Be(1);
        q.NextWake.Should().Be(T0.AddSeconds(3));
    }

    [Fact]
    public void NextWake_WithSlack_IsEarliestDeadlinePlusSlackAndTakesNeighboursWithIt()
    {
        var (a, b, c) = (new Item("a"), new Item("b"), new Item("c"));
        var q = new DeadlineQueue<Item>();
        q.Set(a, T0, TimeSpan.FromMilliseconds(10));
        q.Set(b, T0.AddMilliseconds(8), TimeSpan.FromMilliseconds(10));
        q.Set(c, T0.AddMilliseconds(30), TimeSpan.FromMilliseconds(10));

        q.NextWake.Should().Be(T0.AddMilliseconds(10));
        var due = new List<Item>();
        q.TakeDue(q.NextWake!.Value, due);

        due.Should().Equal(a, b);
        q.NextWake.Should().Be(T0.AddMilliseconds(40));
    }

    [Fact]
    public void NextWake_NoSlackItemDueBeforeSlackedOne_WakesForIt()
    {
        var (slacked, exact) = (new Item("master"), new Item("backup"));
        var q = new DeadlineQueue<Item>();
        q.Set(slacked, T0, TimeSpan.FromMilliseconds(16));
        q.Set(exact, T0.AddMilliseconds(5), TimeSpan.Zero);

        q.NextWake.Should().Be(T0.AddMilliseconds(5));
    }

    [Fact]
    public void Set_Rescheduled_OnlyTheNewDeadlineCounts()
    {
        var a = new Item("a");
        var q = new DeadlineQueue<Item>();
        q.Set(a, T0.AddSeconds(1), TimeSpan.Zero);
        q.Set(a, T0.AddSeconds(5), TimeSpan.Zero);

        var due = new List<Item>();
        q.TakeDue(T0.AddSeconds(2), due);
        due.Should().BeEmpty();
        q.NextWake.Should().Be(T0.AddSeconds(5));
        q.Count.Should().Be(1);

        q.TakeDue(T0.AddSeconds(5), due);
        due.Should().Equal(a);
        q.Count.Should().Be(0);
        q.NextWake.Should().BeNull();
    }

    [Fact]
    public void Set_NullDeadline_CancelsAndRemoveForgets()
    {
        var (a, b) = (new Item("a"), new Item("b"));
        var q = new DeadlineQueue<Item>();
        q.Set(a, T0, TimeSpan.Zero);
        q.Set(b, T0, TimeSpan.Zero);

        q.Set(a, null, TimeSpan.Zero);
        q.Remove(b);

        var due = new List<Item>();
        q.TakeDue(T0.AddSeconds(1), due);
        due.Should().BeEmpty();
        q.Count.Should().Be(0);
        q.NextWake.Should().BeNull();
    }

    [Fact]
    public void TakeDue_TakenItemSetAgain_IsDueAgainOnlyAtItsNewDeadline()
    {
        var a = new Item("a");
        var q = new DeadlineQueue<Item>();
        var due = new List<Item>();
        for (var i = 1; i <= 3; i++)
        {
            q.Set(a, T0.AddSeconds(i), TimeSpan.Zero);
            q.TakeDue(T0.AddSeconds(i).AddTicks(-1), due);
            due.Should().HaveCount(i - 1);
            q.TakeDue(T0.AddSeconds(i), due);
            due.Should().HaveCount(i);
        }
    }

    /// <summary>
    /// A backup's Master_Down_Timer moves later at every advert: the heaps keep one entry per item,
    /// not one per advert still in the future (about 4 per backup at advert_int 1, arrays of 100 KB
    /// at 1,000 instances), and the timer still runs at its last deadline, not at an earlier one.
    /// </summary>
    [Fact]
    public void Set_DeadlineMovedLaterAtEveryAdvert_OneEntryPerHeapAndDueOnlyAtTheLast()
    {
        var (backup, master) = (new Item("backup"), new Item("master"));
        var q = new DeadlineQueue<Item>();
        var due = new List<Item>();
        q.Set(master, T0.AddMilliseconds(500), TimeSpan.FromMilliseconds(16));
        for (var advert = 0; advert < 10; advert++)
            q.Set(backup, T0.AddSeconds(advert + 3.6), TimeSpan.Zero);

        q.Entries.Should().Be(4, "one entry by deadline and one by wake for each of the two items");
        q.NextWake.Should().Be(T0.AddMilliseconds(516));
        q.TakeDue(T0.AddSeconds(12.5), due).Should().Be(T0.AddMilliseconds(500));
        due.Should().Equal(master);
        q.NextWake.Should().Be(T0.AddSeconds(12.6));
        q.TakeDue(T0.AddSeconds(12.6), due).Should().Be(T0.AddSeconds(12.6));
        due.Should().Equal(master, backup);
        q.Count.Should().Be(0);
        q.NextWake.Should().BeNull();
    }

    [Fact]
    public void Set_DeadlineMovedEarlier_DueAtTheEarlierAndOnce()
    {
        var a = new Item("a");
        var q = new DeadlineQueue<Item>();
        var due = new List<Item>();
        q.Set(a, T0.AddSeconds(5), TimeSpan.Zero);
        q.Set(a, T0.AddSeconds(1), TimeSpan.Zero);
        q.Set(a, T0.AddSeconds(5), TimeSpan.Zero);
        q.Set(a, T0.AddSeconds(2), TimeSpan.Zero);

        q.NextWake.Should().Be(T0.AddSeconds(2));
        q.TakeDue(T0.AddSeconds(1.5), due).Should().BeNull();
        q.TakeDue(T0.AddSeconds(10), due).Should().Be(T0.AddSeconds(2));
        due.Should().Equal(a);
        q.NextWake.Should().BeNull();
        q.Entries.Should().Be(0, "every entry left was skipped as it surfaced");
    }
}
