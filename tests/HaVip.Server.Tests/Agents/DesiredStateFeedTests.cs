using HaVip.Server.Agents;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Which long-polls a change read by the feed wakes (<see cref="DesiredStateFeed"/>, given its
/// changes by hand): those holding a version before it, on a scope it touched.
/// </summary>
public sealed class DesiredStateFeedTests
{
    private readonly DesiredStateFeed _feed = DetachedFeed.Create();

    public DesiredStateFeedTests() => _feed.Apply(0, 10, []);

    [Fact]
    public async Task PollsHoldingOlderVersions_AreWoken_OthersOnTheScopeWait()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var behind = _feed.WaitAsync(["s:x", "h:b"], 10, cancel.Token);
        // This host's complete state was read at version 11 (from the database) before this replica's feed read change 11.
        var current = _feed.WaitAsync(["s:x", "h:c"], 11, cancel.Token);
        var elsewhere = _feed.WaitAsync(["s:y"], 10, cancel.Token);

        _feed.Apply(10, 11, [(11, "s:x")]);

        await behind.WaitAsync(TimeSpan.FromSeconds(10), ct);
        current.IsCompleted.Should().BeFalse("it holds change 11 already: waking it would answer nothing new");
        elsewhere.IsCompleted.Should().BeFalse("change 11 did not touch its scope");

        _feed.Apply(11, 12, [(12, "h:c")]);
        await current.WaitAsync(TimeSpan.FromSeconds(10), ct);
        elsewhere.IsCompleted.Should().BeFalse("change 12 did not touch its scope either");
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => elsewhere).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task GapInTheFeed_WakesEveryPoll()
    {
        var poll = _feed.WaitAsync(["h:a"], 11, TestContext.Current.CancellationToken);

        // The feed fell behind (its next read does not start where the last one ended): polls may have missed a change.
        _feed.Apply(500, 600, []);

        await poll.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
