using HaVip.Server.Agents;

namespace HaVip.Server.Tests.Agents;

/// <summary>The group commit of hosts' reports: batched while a write runs, in arrival order, each batch bounded.</summary>
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
}
