using System.Threading.Channels;
using HaVip.Server.Agents;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// The group commit of hosts' reports: batched while a write runs, in arrival order, each batch
/// bounded; acks coalesced per host and refused when their queue would outlast the budget.
/// </summary>
public sealed class ReportLaneTests
{
    [Fact]
    public async Task Submit_ManyWhileAWriteRuns_WrittenInArrivalOrderInBoundedBatches()
    {
        var batches = new List<int[]>();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lane = new ReportLane<int>(async batch =>
        {
            lock (batches)
            {
                batches.Add([.. batch]);
            }
            writing.TrySetResult();
            await release.Task;
        });
        var ct = TestContext.Current.CancellationToken;
        var first = lane.SubmitAsync(0, ct);
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        // 100 hosts report while the first write holds the lane, as 300 agents' first acks did.
        var waiting = Enumerable.Range(1, 100).Select(i => lane.SubmitAsync(i, ct)).ToArray();
        release.SetResult();
        await Task.WhenAll([first, .. waiting]).WaitAsync(TimeSpan.FromSeconds(30), ct);

        batches.Select(b => b.Length).Should().Equal([1, 32, 32, 32, 4], "a batch holds at most ReportLane.MaxBatch (32) reports, so no transaction grows with the fleet");
        batches.SelectMany(b => b).Should().Equal(Enumerable.Range(0, 101), "reports are written in the order they arrived");
    }

    [Fact]
    public async Task Submit_ManyAcksOfOneHostBehindASlowWrite_OneWriteOfTheNewestAnswersThemAll()
    {
        var (lane, batches, writing, release) = AckLane(TimeSpan.FromSeconds(5), TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;
        var first = lane.SubmitAsync(Ack("hv0", 1), ct);
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        // hv1's agent timed out and sent its ack again after each next answer, and once more an old one.
        var waiting = Enumerable.Range(1, 10).Select(n => lane.SubmitAsync(Ack("hv1", n), ct)).Append(lane.SubmitAsync(Ack("hv1", 5), ct)).ToArray();
        lane.Queue.Should().Be((1, 1), "hv1's acks wait as one entry behind hv0's write");
        release.SetResult();
        await Task.WhenAll([first, .. waiting]).WaitAsync(TimeSpan.FromSeconds(30), ct);

        batches.Should().BeEquivalentTo([new[] { "hv0@1" }, ["hv1@10"]], o => o.WithStrictOrdering(),
            "one write of hv1's newest ack covers all eleven, and every caller was answered by it");
    }

    [Fact]
    public async Task TrySubmit_QueueOutlastingTheBudget_RefusedWithTheEstimate_NewerAckOfAWaitingHostJoins()
    {
        var time = new FakeTimeProvider();
        var (lane, batches, writing, release) = AckLane(TimeSpan.FromSeconds(5), time);
        var ct = TestContext.Current.CancellationToken;
        var first = lane.SubmitAsync(Ack("hv0", 1), ct);
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        // The running write has taken 2 s for its one report: each queued one is estimated at 2 s.
        time.Advance(TimeSpan.FromSeconds(2));

        var second = lane.TrySubmit(Ack("hv1", 1), ct, out _);
        var third = lane.TrySubmit(Ack("hv2", 1), ct, out _);
        var refused = lane.TrySubmit(Ack("hv3", 1), ct, out var retryAfter);
        var joined = lane.TrySubmit(Ack("hv1", 2), ct, out _);

        second.Should().NotBeNull("hv1's would be written within 2 s (0 s left of the running write, then hv1's)");
        third.Should().NotBeNull("hv2's within 4 s: under the 5 s budget");
        refused.Should().BeNull("hv3's would wait 6 s: over the budget");
        retryAfter.Should().Be(TimeSpan.FromSeconds(6), "the Retry-After is the estimate: the queue as it stands written");
        joined.Should().NotBeNull("a newer ack of a waiting host adds no write, so it is never refused");

        release.SetResult();
        await Task.WhenAll(first, second!, third!, joined!).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await Eventually.GetAsync(() => Task.FromResult(lane.Queue), q => q == (0, 0), TimeSpan.FromSeconds(30), "the lane idle after its writes");
        batches.Should().BeEquivalentTo([new[] { "hv0@1" }, ["hv1@2", "hv2@1"]], o => o.WithStrictOrdering());
        lane.TrySubmit(Ack("hv3", 1), ct, out _).Should().NotBeNull("with nothing queued or written an ack is written at once, whatever the rate was");
    }

    [Fact]
    public async Task TrySubmit_OneSmallBatchPausedBehindFastOnes_QueueEstimatedPerBatch_NotRefused_ASlowBatchStillRefuses()
    {
        var time = new FakeTimeProvider();
        var ct = TestContext.Current.CancellationToken;
        var (lane, writes) = SteppedAckLane(time);
        async Task<int> WriteNextAsync(TimeSpan takes)
        {
            var (size, done) = await writes.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
            time.Advance(takes);
            done.SetResult();
            return size;
        }

        // The steady state: acks written one at a time, 5 ms each.
        for (var i = 0; i < 4; i++)
        {
            var written = lane.SubmitAsync(Ack($"warm{i}", 1), ct);
            (await WriteNextAsync(TimeSpan.FromMilliseconds(5))).Should().Be(1);
            await written.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        // Then one ack's write is held 300 ms (a pause of the process, the write gate busy) while the
        // acks of 50 changes a second over 1,000 hosts (500 a second) queue behind it.
        var paused = lane.SubmitAsync(Ack("paused", 1), ct);
        var (pausedSize, pausedDone) = await writes.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
        pausedSize.Should().Be(1);
        time.Advance(TimeSpan.FromMilliseconds(300));
        var queued = Enumerable.Range(0, 150).Select(i => lane.TrySubmit(Ack($"hv{i}", 2), ct, out _)).ToArray();

        queued.Should().AllSatisfy(q => q.Should().NotBeNull(
            "the 150 go in 5 batches of up to 32, each estimated at the paused batch's 300 ms: 1.5 s, under the 5 s budget "
            + "(not 300 ms for each report: 17 of them would already be 5.1 s, and each refused agent polls nothing for its Retry-After)"));
        pausedDone.SetResult();
        var sizes = new List<int>();
        while (sizes.Sum() < queued.Length)
        {
            sizes.Add(await WriteNextAsync(TimeSpan.FromMilliseconds(5)));
        }
        sizes.Should().Equal([32, 32, 32, 32, 22], "the queue behind the paused write went in batches, as estimated");
        await Task.WhenAll([paused, .. queued.Select(q => q!)]).WaitAsync(TimeSpan.FromSeconds(30), ct);

        // A batch that is slow itself still refuses what the queue cannot write in time.
        var slow = lane.SubmitAsync(Ack("slow", 3), ct);
        var (_, slowDone) = await writes.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
        time.Advance(TimeSpan.FromSeconds(2));
        var accepted = Enumerable.Range(0, 64).Select(i => lane.TrySubmit(Ack($"hv{i}", 3), ct, out _)).ToArray();
        var refused = lane.TrySubmit(Ack("hv64", 3), ct, out var retryAfter);
        accepted.Should().AllSatisfy(q => q.Should().NotBeNull("64 acks are two batches, each estimated at the running batch's 2 s: 4 s"));
        refused.Should().BeNull("a 65th makes three batches of 2 s: 6 s, over the 5 s budget");
        retryAfter.Should().Be(TimeSpan.FromSeconds(6));
        slowDone.SetResult();
        (await WriteNextAsync(TimeSpan.Zero)).Should().Be(32);
        (await WriteNextAsync(TimeSpan.Zero)).Should().Be(32);
        await Task.WhenAll([slow, .. accepted.Select(q => q!)]).WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    [Fact]
    public async Task TrySubmit_FirstAcksOfAThousandRowsEach_BeforeAnyBatchWasWritten_RefusedPastTheBudget_BatchesBoundedByRows()
    {
        var time = new FakeTimeProvider();
        var ct = TestContext.Current.CancellationToken;
        var (lane, writes) = SteppedAckLane(time);
        // A region's first start: every host's first ack settles about 1,100 rows, and they all
        // come while the first one is written, before any batch was measured.
        var first = lane.TrySubmit(Ack("hv0", 1), 1100, ct, out _);
        var (firstSize, firstDone) = await writes.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
        firstSize.Should().Be(1);
        var retryAfters = new List<TimeSpan>();
        var queued = Enumerable.Range(1, 100).Select(i =>
        {
            var q = lane.TrySubmit(Ack($"hv{i}", 1), 1100, ct, out var retryAfter);
            if (q is null)
            {
                retryAfters.Add(retryAfter);
            }
            return q;
        }).ToArray();

        var accepted = queued.OfType<Task>().ToArray();
        accepted.Should().HaveCount(14,
            "nothing measured yet, a row is taken at 0.3 ms: the running ack's 1,100 rows (330 ms) and 14 more (4,950 ms) fit the 5 s budget, "
            + "a 15th does not (not 0 s for each, the running batch's first instant, which accepted all 100: 110,000 rows, tens of seconds)");
        queued.Take(14).Should().AllSatisfy(q => q.Should().NotBeNull(), "the first to come are the ones accepted");
        retryAfters[0].Should().Be(TimeSpan.FromMilliseconds(330 * 16), "the Retry-After is the estimate with the refused ack: 16 acks of 330 ms");

        firstDone.SetResult();
        var sizes = new List<int>();
        while (sizes.Sum() < accepted.Length)
        {
            var (size, done) = await writes.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
            sizes.Add(size);
            done.SetResult();
        }
        sizes.Should().Equal([3, 3, 3, 3, 2], "a batch settles at most 4,096 rows: three first acks, not 14 (or 32) in one transaction that every ack in it waits for");
        await Task.WhenAll([first!, .. accepted]).WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    private static HostApplied Ack(string host, long sequence) => new(host, sequence, new Dictionary<string, string>());

    /// <summary>A lane with the server's ack rules (5 s budget) whose every write waits until the test completes it; each write's size and completion.</summary>
    private static (ReportLane<HostApplied> Lane, Channel<(int Size, TaskCompletionSource Done)> Writes) SteppedAckLane(TimeProvider time)
    {
        var writes = Channel.CreateUnbounded<(int Size, TaskCompletionSource Done)>();
        var lane = new ReportLane<HostApplied>(async batch =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            writes.Writer.TryWrite((batch.Count, done));
            await done.Task;
        }, ReportBatcher.AckRules(TimeSpan.FromSeconds(5)), time);
        return (lane, writes);
    }

    /// <summary>A lane with the server's ack rules, whose first write waits for <c>release</c>; batches as "host@sequence".</summary>
    private static (ReportLane<HostApplied> Lane, List<string[]> Batches, TaskCompletionSource Writing, TaskCompletionSource Release) AckLane(
        TimeSpan budget, TimeProvider time)
    {
        var batches = new List<string[]>();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lane = new ReportLane<HostApplied>(async batch =>
        {
            lock (batches)
            {
                batches.Add([.. batch.Select(a => $"{a.Host}@{a.Sequence}")]);
            }
            writing.TrySetResult();
            await release.Task;
        }, ReportBatcher.AckRules(budget), time);
        return (lane, batches, writing, release);
    }
}
