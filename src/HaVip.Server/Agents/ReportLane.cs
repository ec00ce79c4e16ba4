namespace HaVip.Server.Agents;

/// <summary>
/// Group commit for hosts' reports of one kind: reports that arrive while a batch is being
/// written wait and go together in the next one, so ten hosts acknowledging at once cost two or
/// three transactions instead of ten queued one behind the other. No report waits on a timer:
/// the first of a quiet spell is written at once. A caller returns only after its report
/// committed, so an agent that got its answer knows the report is durable. A batch holds at most
/// <see cref="ReportLane.MaxBatch"/> reports: when 300 hosts start at once, their first acks each settle
/// about 20 HAVIPs, and one batch of 217 of them held the write gate for 9 s on a busy machine
/// (every ack in it answered only then, the next API change and holder report waiting behind
/// it); bounded, the first acks are answered after their own batch and other writes get their
/// turn between batches.
/// <para>
/// With <see cref="LaneRules{T}"/>, a lane also coalesces and refuses. Coalescing: a waiting
/// report with the same key as a newer one becomes one entry (the rules' newer report), and
/// every caller of that key is answered by its one write; a host whose ack timed out and is
/// sent again no longer adds a second write. Refusing: when the queue ahead of a new entry,
/// with it, would take longer than the rules' budget to write at the measured rate
/// (<see cref="LaneBacklog"/>), the report is refused at once, with that estimate, so the host
/// comes back later instead of waiting past its own timeout and sending the report again.
/// </para>
/// <para>
/// <paramref name="maxBatch"/> is the bound for reports whose batch is one statement however many
/// it holds (hosts' contacts, <see cref="HostLivenessWriter.SeenAsync"/>): their lane writes every
/// report waiting in one batch.
/// </para>
/// <para>
/// A report may weigh more than one (<see cref="TrySubmit(T, long, CancellationToken, out TimeSpan)"/>: an ack, the rows
/// it settles), and a batch then also holds at most the rules' <see cref="LaneRules{T}.MaxBatchWeight"/>
/// (one report at least): 32 hosts' first acks over 1,100 HAVIPs each were one batch of 35,000 rows,
/// 2 to 9 s of writing at the region's first start (fleet24), and every ack in it waited that long
/// whatever the queue ahead of it.
/// </para>
/// </summary>
internal sealed class ReportLane<T>(Func<IReadOnlyList<T>, Task> write, LaneRules<T>? rules = null, TimeProvider? time = null, int maxBatch = ReportLane.MaxBatch)
{
    private readonly Lock _lock = new();
    private readonly long _maxWeight = rules?.MaxBatchWeight ?? maxBatch;
    private readonly LaneBacklog _backlog = new(time ?? TimeProvider.System, maxBatch, rules?.MaxBatchWeight ?? maxBatch, rules?.UnmeasuredCost ?? TimeSpan.Zero);
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private List<Entry> _pending = [];
    private long _pendingWeight;
    private bool _draining;

    /// <summary>Entries waiting (a coalesced key counts once) and reports being written.</summary>
    public (int Waiting, int Writing) Queue
    {
        get
        {
            lock (_lock)
            {
                return (_pending.Count, _backlog.InFlight);
            }
        }
    }

    public Task SubmitAsync(T report, CancellationToken ct) =>
        TrySubmit(report, ct, out _) ?? throw new InvalidOperationException("the lane refused the report: a lane with a budget is used through TrySubmit");

    /// <summary>A report of weight 1.</summary>
    public Task? TrySubmit(T report, CancellationToken ct, out TimeSpan retryAfter) => TrySubmit(report, 1, ct, out retryAfter);

    /// <summary>
    /// Queues <paramref name="report"/>, which costs <paramref name="weight"/> to write (at least 1);
    /// the task completes when it (or a newer report of its key) committed. Null when refused:
    /// <paramref name="retryAfter"/> is how long the queue as it stands, with this report, takes to write.
    /// </summary>
    public Task? TrySubmit(T report, long weight, CancellationToken ct, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        weight = Math.Max(1, weight);
        Entry entry;
        bool start;
        lock (_lock)
        {
            var key = rules?.Key(report);
            if (key is not null && _byKey.TryGetValue(key, out var waiting))
            {
                // Joining a waiting entry adds no write, so it is never refused; it weighs the more of the two.
                waiting.Report = rules!.Newer(waiting.Report, report);
                _pendingWeight += Math.Max(0, weight - waiting.Weight);
                waiting.Weight = Math.Max(waiting.Weight, weight);
                return waiting.Done.Task.WaitAsync(ct);
            }
            // An idle lane writes at once: whatever the last batches cost, there is no queue to wait behind.
            if (rules is not null && _draining && _backlog.Estimate(_pending.Count + 1, _pendingWeight + weight) is var wait && wait > rules.Budget)
            {
                retryAfter = wait;
                return null;
            }
            entry = new Entry(report, key, weight);
            _pending.Add(entry);
            _pendingWeight += weight;
            if (key is not null)
            {
                _byKey[key] = entry;
            }
            start = !_draining;
            _draining = true;
        }
        if (start)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }
        // A caller that goes away stops waiting; its report is still written (reports are idempotent).
        return entry.Done.Task.WaitAsync(ct);
    }

    private async Task DrainAsync()
    {
        var batch = Take(finished: false);
        while (batch is not null)
        {
            await WriteAsync(batch);
            batch = Take(finished: true);
        }
    }

    /// <summary>The next batch, or null (the lane idle, in the same step) when nothing waits.</summary>
    private List<Entry>? Take(bool finished)
    {
        lock (_lock)
        {
            if (finished)
            {
                _backlog.Finished();
            }
            if (_pending.Count == 0)
            {
                _draining = false;
                return null;
            }
            // In arrival order, up to maxBatch reports and the most weight, but one report at least.
            var (count, weight) = (1, _pending[0].Weight);
            while (count < _pending.Count && count < maxBatch && weight + _pending[count].Weight <= _maxWeight)
            {
                weight += _pending[count].Weight;
                count++;
            }
            List<Entry> batch;
            if (count == _pending.Count)
            {
                batch = _pending;
                _pending = [];
            }
            else
            {
                batch = _pending[..count];
                _pending.RemoveRange(0, count);
            }
            _pendingWeight -= weight;
            // From here a newer report of the key is a new entry: this one's write may have read its report already.
            foreach (var key in batch.Select(e => e.Key).OfType<string>())
            {
                _byKey.Remove(key);
            }
            _backlog.Started(batch.Count, weight);
            return batch;
        }
    }

    /// <summary>A batch that fails is written again one report at a time, so one bad report cannot fail the others.</summary>
    private async Task WriteAsync(List<Entry> batch)
    {
        try
        {
            await write(batch.ConvertAll(p => p.Report));
            batch.ForEach(p => p.Done.TrySetResult());
            return;
        }
        catch (Exception e) when (batch.Count == 1)
        {
            batch[0].Done.TrySetException(e);
            return;
        }
        catch (Exception)
        {
        }
        foreach (var one in batch)
        {
            await WriteAsync([one]);
        }
    }

    private sealed class Entry(T report, string? key, long weight)
    {
        public T Report { get; set; } = report;

        public string? Key { get; } = key;

        public long Weight { get; set; } = weight;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The bound of a <see cref="ReportLane{T}"/>'s batches.</summary>
internal static class ReportLane
{
    /// <summary>The most reports one transaction writes, unless the lane says otherwise.</summary>
    public const int MaxBatch = 32;
}

/// <summary>
/// How a <see cref="ReportLane{T}"/> coalesces and refuses: reports with the same
/// <paramref name="Key"/> become one, <paramref name="Newer"/> picks which; a new entry is refused
/// when the queue with it would take longer than <paramref name="Budget"/> to write. A batch holds
/// at most <paramref name="MaxBatchWeight"/> of the reports' weight; before any batch was written a
/// unit of weight is taken to cost at least <paramref name="UnmeasuredCost"/> (<see cref="LaneBacklog"/>).
/// </summary>
internal sealed record LaneRules<T>(Func<T, string> Key, Func<T, T, T> Newer, TimeSpan Budget, long MaxBatchWeight = ReportLane.MaxBatch,
    TimeSpan UnmeasuredCost = default);
