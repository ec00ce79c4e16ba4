using System.Diagnostics.Metrics;

namespace HaVip.Server.Persistence;

/// <summary>
/// The one writer's queue, as an operator reads it: how long each write waited for its turn at the
/// <see cref="WriteGate"/> and how long it held it, by <see cref="WriteKind"/>. The held times of a
/// window added up, over the window, are the writer's utilisation; a kind's wait says what the
/// writes ahead of it cost it. Buckets finer than the server's other histograms (1-1.5-2-3-4-5-6-8
/// per decade, 0.5 ms to 10 s), so that a median and a p99 read from them are within about 20 %.
/// </summary>
public sealed class WriteGateMetrics
{
    /// <summary>The tag naming the write's kind (<see cref="WriteKind.Name"/>).</summary>
    public const string KindTag = "kind";

    /// <summary>The tag naming how the held turn ended: <see cref="Committed"/>, <see cref="Retried"/> or <see cref="Failed"/>.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>Committed at the first attempt.</summary>
    public const string Committed = "committed";

    /// <summary>Committed after a conflict made it run again (PostgreSQL: another replica's write won a race).</summary>
    public const string Retried = "retried";

    /// <summary>Refused (a domain error, a cancellation, a conflict ten times): nothing stored.</summary>
    public const string Failed = "failed";

    /// <summary>The buckets of both histograms, in seconds.</summary>
    public static IReadOnlyList<double> Buckets { get; } =
    [
        0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008,
        0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08,
        0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8,
        1, 1.5, 2, 3, 4, 5, 6, 8, 10,
    ];

    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _held;

    public WriteGateMetrics(Meter meter)
    {
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets };
        _wait = meter.CreateHistogram<double>("havip.write.wait", "s", "Time a write waited for its turn at the one writer, by kind", advice: advice);
        _held = meter.CreateHistogram<double>("havip.write.held", "s", "Time a write held the one writer (its transaction, every attempt), by kind and outcome", advice: advice);
    }

    public void Waited(WriteKind kind, TimeSpan wait) =>
        _wait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>(KindTag, kind.Name));

    public void Held(WriteKind kind, string outcome, TimeSpan held) =>
        _held.Record(held.TotalSeconds, new KeyValuePair<string, object?>(KindTag, kind.Name), new KeyValuePair<string, object?>(OutcomeTag, outcome));
}
