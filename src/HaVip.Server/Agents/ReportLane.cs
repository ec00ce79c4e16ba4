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
/// </summary>
internal sealed class ReportLane<T>(Func<IReadOnlyList<T>, Task> write, LaneRules<T>? rules = null, TimeProvider? time = null, int maxBatch = ReportLane.MaxBatch)
{
    private readonly Lock _lock = new();
    private readonly LaneBacklog _backlog = new(time ?? TimeProvider.System, maxBatch);
    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private List<Entry> _pending = [];
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

    /// <summary>
    /// Queues <paramref name="report"/>; the task completes when it (or a newer report of its key)
    /// committed. Null when refused: <paramref name="retryAfter"/> is how long the queue as it
    /// stands takes to write.
    /// </summary>
    public Task? TrySubmit(T report, CancellationToken ct, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        Entry entry;
        bool start;
        lock (_lock)
        {
            var key = rules?.Key(report);
            if (key is not null && _byKey.TryGetValue(key, out var waiting))
            {
                // Joining a waiting entry adds no write, so it is never refused.
                waiting.Report = rules!.Newer(waiting.Report, report);
                return waiting.Done.Task.WaitAsync(ct);
            }
            // An idle lane writes at once: whatever the last batches cost, there is no queue to wait behind.
            if (rules is not null && _draining && _backlog.Estimate(_pending.Count + 1) is var wait && wait > rules.Budget)
            {
                retryAfter = wait;
                return null;
            }
            entry = new Entry(report, key);
            _pending.Add(entry);
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
            List<Entry> batch;
            if (_pending.Count <= maxBatch)
            {
                batch = _pending;
                _pending = [];
            }
            else
            {
                batch = _pending[..maxBatch];
                _pending.RemoveRange(0, maxBatch);
            }
            // From here a newer report of the key is a new entry: this one's write may have read its report already.
            foreach (var key in batch.Select(e => e.Key).OfType<string>())
            {
                _byKey.Remove(key);
            }
            _backlog.Started(batch.Count);
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

    private sealed class Entry(T report, string? key)
    {
        public T Report { get; set; } = report;

        public string? Key { get; } = key;

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
/// when the queue with it would take longer than <paramref name="Budget"/> to write.
/// </summary>
internal sealed record LaneRules<T>(Func<T, string> Key, Func<T, T, T> Newer, TimeSpan Budget);
