namespace HaVip.Server.Agents;

/// <summary>
/// How long a <see cref="ReportLane{T}"/>'s queue takes to write, from its measured rate: the
/// cost of one report is a moving average over the batches written (a batch's time, gate wait
/// included, over its reports), and never less than the running batch's time so far over its
/// reports, so a first batch that is slow counts before it ends. Not thread-safe: the lane
/// calls it under its lock.
/// </summary>
internal sealed class LaneBacklog(TimeProvider time)
{
    // Each batch weighs a quarter: the estimate follows a change of load within a few batches.
    private const double Weight = 0.25;

    private double _perReportTicks;
    private long _startedAt;

    /// <summary>Reports in the batch being written; 0 between batches.</summary>
    public int InFlight { get; private set; }

    public void Started(int reports)
    {
        InFlight = reports;
        _startedAt = time.GetTimestamp();
    }

    public void Finished()
    {
        var perReport = time.GetElapsedTime(_startedAt).Ticks / (double)InFlight;
        _perReportTicks = _perReportTicks == 0 ? perReport : (Weight * perReport) + ((1 - Weight) * _perReportTicks);
        InFlight = 0;
    }

    /// <summary>
    /// Until <paramref name="queued"/> more reports are written: what is left of the running
    /// batch, then each queued report at the measured cost.
    /// </summary>
    public TimeSpan Estimate(int queued)
    {
        var perReport = _perReportTicks;
        var running = 0d;
        if (InFlight > 0)
        {
            var elapsed = time.GetElapsedTime(_startedAt).Ticks;
            perReport = Math.Max(perReport, elapsed / (double)InFlight);
            running = Math.Max(0, (perReport * InFlight) - elapsed);
        }
        return TimeSpan.FromTicks((long)(running + (perReport * queued)));
    }
}
