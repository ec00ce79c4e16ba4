using System.Diagnostics.Metrics;
using HaVip.Server.Persistence;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// The one writer measured by kind: a write's wait for its turn and its hold, on a clock the test
/// moves, so each recorded value is exact. The gate, meter and clock are the test's own; none of
/// the server's background writes pass through them.
/// </summary>
public sealed class WriteGateMetricsTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly Meter _meter = new("HaVip.Server.Tests.WriteGate");
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Seconds, string Tags)> _recorded = [];
    private readonly WriteGate _gate;

    public WriteGateMetricsTests()
    {
        _gate = new WriteGate(metrics: new WriteGateMetrics(_meter), time: _time);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var text = string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
            lock (_recorded)
            {
                _recorded.Add((instrument.Name, value, text));
            }
        });
        _listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _meter.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// An ack-level write holds the writer for 250 ms (on the test's clock) while a change queues:
    /// the change's wait is those 250 ms under its own kind, the ack's hold the same under its kind,
    /// the change's hold what it took itself (40 ms), each committed.
    /// </summary>
    [Fact]
    public async Task Write_QueuedBehindAHeldOne_ItsWaitAndBothHolds_RecordedUnderTheirKinds()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ack = WriteAsync(WriteKind.Acknowledgement, async () =>
        {
            entered.SetResult();
            await release.Task;
        });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var change = WriteAsync(WriteKind.Change, () =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(40));
            return Task.CompletedTask;
        });
        await Eventually.GetAsync(() => Task.FromResult(_gate.Waiting(WriteKind.Change)), waiting => waiting == 1,
            TimeSpan.FromSeconds(10), "the change queued at the writer");

        _time.Advance(TimeSpan.FromMilliseconds(250));
        release.SetResult();
        await Task.WhenAll(ack, change).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Recorded().Should().BeEquivalentTo(
        [
            ("havip.write.wait", 0.0, "kind=acknowledgement"),
            ("havip.write.held", 0.25, "kind=acknowledgement,outcome=committed"),
            ("havip.write.wait", 0.25, "kind=change"),
            ("havip.write.held", 0.04, "kind=change,outcome=committed"),
        ], o => o.WithStrictOrdering());
    }

    /// <summary>A refused write (here: its change throws) is held, and recorded, as failed.</summary>
    [Fact]
    public async Task Write_Refused_ItsHoldRecordedAsFailed()
    {
        var refused = () => WriteAsync(WriteKind.Change, () =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(3));
            throw new InvalidOperationException("refused");
        });

        await refused.Should().ThrowAsync<InvalidOperationException>();

        Recorded().Should().BeEquivalentTo(
        [
            ("havip.write.wait", 0.0, "kind=change"),
            ("havip.write.held", 0.003, "kind=change,outcome=failed"),
        ], o => o.WithStrictOrdering());
    }

    private (string, double, string)[] Recorded()
    {
        lock (_recorded)
        {
            // Rounded to the microsecond: the clock's ticks make 0.25 s a double that is not quite 0.25.
            return [.. _recorded.Select(r => (r.Instrument, Math.Round(r.Seconds, 6), r.Tags))];
        }
    }

    private Task WriteAsync(WriteKind kind, Func<Task> body) => _app.ScopedAsync(sp =>
        _gate.RunAsync(sp.GetRequiredService<HaVipDbContext>(), async _ =>
        {
            await body();
            return 0;
        }, kind, CancellationToken.None));
}
