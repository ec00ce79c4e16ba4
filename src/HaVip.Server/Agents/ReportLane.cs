namespace HaVip.Server.Agents;

/// <summary>
/// Group commit for hosts' reports of one kind: reports that arrive while a batch is being
/// written wait and go together in the next one, so ten hosts acknowledging at once cost two or
/// three transactions instead of ten queued one behind the other. No report waits on a timer:
/// the first of a quiet spell is written at once. A caller returns only after its report
/// committed, so an agent that got its answer knows the report is durable.
/// </summary>
internal sealed class ReportLane<T>(Func<IReadOnlyList<T>, Task> write)
{
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
                batch = _pending;
                _pending = [];
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
