using HaVip.Server.Agents;

namespace HaVip.Server.Tests.Services.Reports;

public sealed class ReportLaneTests
{
    [Fact]
    public async Task Submit_WhileABatchIsWritten_LaterReportsGoTogetherInTheNext()
    {
        var batches = new List<int[]>();
        var firstWrite = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var lane = new ReportLane<int>(async batch =>
        {
            batches.Add([.. batch]);
            if (batches.Count == 1)
            {
                firstWrite.SetResult();
                await release.Task;
            }
        });

        var first = lane.SubmitAsync(1, CancellationToken.None);
        await firstWrite.Task;
        var rest = Enumerable.Range(2, 4).Select(i => lane.SubmitAsync(i, CancellationToken.None)).ToArray();
        release.SetResult();
        await Task.WhenAll([first, .. rest]);

        batches.Should().BeEquivalentTo(new[] { new[] { 1 }, new[] { 2, 3, 4, 5 } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Submit_OneBadReportInABatch_FailsAlone()
    {
        var written = new List<int>();
        var firstWrite = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var lane = new ReportLane<int>(async batch =>
        {
            if (batch.Contains(0))
            {
                firstWrite.TrySetResult();
                await release.Task;
            }
            if (batch.Contains(13))
            {
                throw new InvalidOperationException("bad report");
            }
            written.AddRange(batch);
        });

        var blocker = lane.SubmitAsync(0, CancellationToken.None);
        await firstWrite.Task;
        var good = lane.SubmitAsync(1, CancellationToken.None);
        var bad = lane.SubmitAsync(13, CancellationToken.None);
        var alsoGood = lane.SubmitAsync(2, CancellationToken.None);
        release.SetResult();

        await Task.WhenAll(blocker, good, alsoGood);
        await FluentActions.Awaiting(() => bad).Should().ThrowAsync<InvalidOperationException>();
        written.Should().Equal(0, 1, 2);
    }
}
