namespace HaVip.Server.Agents;

/// <summary>
/// Group commit for hosts' reports of one kind: reports that arrive while a batch is being
/// written wait and go together in the next one, so ten hosts acknowledging at once cost two or
/// three transactions instead of ten queued one behind the other. No report waits on a timer:
/// the first of a quiet spell is written at once. A caller returns only after its report
/// committed, so an agent that got its answer knows the report is durable. A batch holds at most
/// <see cref="MaxBatch"/> reports: when 300 hosts start at once, their first acks each settle
/// about 20 HAVIPs, and one batch of 217 of them held the write gate for 9 s on a busy machine
/// (every ack in it answered only then, the next API change and holder report waiting behind
/// it); bounded, the first acks are answered after their own batch and other writes get their
/// turn between batches.
/// </summary>
internal sealed class ReportLane<T>(Func<IReadOnlyList<T>, Task> write)
{
    /// <summary>The most reports one transaction writes.</summary>
    public const int MaxBatch = 32;

    private readonly Lock _lock = new();
    private List<(T Report, TaskCompletionSource Done)> _pending = [];
    private bool _draining;

    public Task SubmitAsync(T report, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_lock)
        {
            _pending.Add((report, done));
            start = !_draining;
            _draining = true;
        }
        if (start)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }
        // A caller that goes away stops waiting; its report is still written (reports are idempotent).
        return done.Task.WaitAsync(ct);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<(T Report, TaskCompletionSource Done)> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _draining = false;
                    return;
                }
                if (_pending.Count <= MaxBatch)
                {
                    batch = _pending;
                    _pending = [];
                }
                else
                {
                    batch = _pending[..MaxBatch];
                    _pending.RemoveRange(0, MaxBatch);
                }
            }
            await WriteAsync(batch);
        }
    }

    /// <summary>A batch that fails is written again one report at a time, so one bad report cannot fail the others.</summary>
    private async Task WriteAsync(List<(T Report, TaskCompletionSource Done)> batch)
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
}
