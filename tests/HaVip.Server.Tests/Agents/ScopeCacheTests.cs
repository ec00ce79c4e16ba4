using HaVip.Server.Agents;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// The cache of what desired states share (<see cref="ScopeCache{T}"/>) against a feed given its
/// changes by hand (<see cref="DesiredStateFeed.Apply"/>): a value is read once and kept until a
/// change to its scope, never served for a version after a change it missed.
/// </summary>
public sealed class ScopeCacheTests
{
    private readonly DesiredStateFeed _feed = DetachedFeed.Create();

    private readonly ScopeCache<string> _cache;
    private readonly Dictionary<string, int> _version = new(StringComparer.Ordinal);

    public ScopeCacheTests()
    {
        _cache = new ScopeCache<string>(_feed, key => "s:" + key);
        _feed.Apply(0, 10, []);
    }

    [Fact]
    public async Task KeptValue_IsServedUntilAChangeToItsScope_ThenReadAgain()
    {
        (await GetAsync("a", 10)).Should().Be("a@0");
        (await GetAsync("a", 10)).Should().Be("a@0", "nothing touched a since it was read");
        _feed.Apply(10, 11, [(11, "s:b")]);
        (await GetAsync("a", 11)).Should().Be("a@0", "a change to another scope leaves a's value");
        _cache.Reads.Should().Be(1);

        _version["a"] = 1;
        _feed.Apply(11, 12, [(12, "s:a")]);
        (await GetAsync("a", 12)).Should().Be("a@1", "change 12 touched a after its value was read");
        _cache.Reads.Should().Be(2);
    }

    [Fact]
    public async Task ChangeReadWhileTheValueIsRead_MakesTheNextAnswerReadAgain()
    {
        var release = new TaskCompletionSource();
        var first = _cache.GetAsync(["a"], 10, async (keys, _) =>
        {
            await release.Task;
            return keys.ToDictionary(k => k, k => $"{k}@old");
        }, TestContext.Current.CancellationToken);
        // The read started with the feed at 10; change 11 to a is read before the read ends.
        _feed.Apply(10, 11, [(11, "s:a")]);
        release.SetResult();
        (await first)["a"].Should().Be("a@old", "the answer numbered 10 may have a's value of 10");

        _version["a"] = 1;
        (await GetAsync("a", 11)).Should().Be("a@1", "a value read from a stamp of 10 is never served for 11 after a change to a at 11");
    }

    [Fact]
    public async Task AnswerNumberedAfterWhatTheFeedRead_ReadsAgain()
    {
        await GetAsync("a", 10);
        _version["a"] = 1;
        // Change 11 is committed (a complete state numbered by the database) but the feed has not read it.
        (await GetAsync("a", 11)).Should().Be("a@1", "the feed cannot tell whether change 11 touched a");
        _cache.Reads.Should().Be(2);
    }

    [Fact]
    public async Task LogStartedAgain_DropsEveryValue()
    {
        await GetAsync("a", 10);
        _version["a"] = 1;
        // The feed fell behind further than its history: it starts again from 500, not from what it had read.
        _feed.Apply(500, 600, []);
        (await GetAsync("a", 600)).Should().Be("a@1", "a change in the gap may have touched a");
    }

    [Fact]
    public async Task HostsAskingAtOnce_ShareOneRead_InOneBatch()
    {
        var release = new TaskCompletionSource();
        var batches = new List<IReadOnlyList<string>>();
        var ct = TestContext.Current.CancellationToken;
        async Task<IReadOnlyDictionary<string, string>> ReadAsync(IReadOnlyList<string> keys, CancellationToken token)
        {
            batches.Add(keys);
            await release.Task;
            return keys.ToDictionary(k => k, k => k);
        }
        var asking = Enumerable.Range(0, 10).Select(_ => _cache.GetAsync(["a", "b"], 10, ReadAsync, ct)).ToArray();
        release.SetResult();
        await Task.WhenAll(asking);
        batches.Should().ContainSingle("ten hosts asking while the first read runs join it").Which.Should().Equal("a", "b");
        _cache.Reads.Should().Be(2);
    }

    [Fact]
    public async Task FailedRead_IsNotKept()
    {
        var ct = TestContext.Current.CancellationToken;
        var failing = () => _cache.GetAsync(["a"], 10, (_, _) => Task.FromException<IReadOnlyDictionary<string, string>>(new InvalidOperationException("database gone")), ct);
        await failing.Should().ThrowAsync<InvalidOperationException>();
        (await GetAsync("a", 10)).Should().Be("a@0", "the failed read left nothing behind");
    }

    private async Task<string> GetAsync(string key, long upTo) =>
        (await _cache.GetAsync([key], upTo, (keys, _) => Task.FromResult<IReadOnlyDictionary<string, string>>(
            keys.ToDictionary(k => k, k => $"{k}@{_version.GetValueOrDefault(k)}")), TestContext.Current.CancellationToken))[key];
}
