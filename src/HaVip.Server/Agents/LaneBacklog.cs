namespace HaVip.Server.Agents;

/// <summary>
/// How long a <see cref="ReportLane{T}"/>'s queue takes to write, from its measured batches. The
/// queue goes in batches of up to <c>maxBatch</c>, and a batch costs a part that does not grow
/// with its reports (the write gate's wait, the transaction, a pause of the process) and a part
/// that does (each report's rows). So each batch ahead is estimated as the largest of: the
/// batches' moving average, the running batch's time so far (a batch that is slow counts before
/// it ends), and the cost per report (from large batches, see <see cref="Finished"/>) times its reports. Only before
/// any batch was written is the running batch's time taken per report for every report queued
/// (a fleet's first acks, nothing known yet). Never otherwise: one batch of one ack held 300 ms by
/// a pause, with 150 acks queued behind it (500 acks a second at 50 changes a second over 1,000
/// hosts), was estimated at 45 s, so every ack after the 16th was refused though the queue went in
/// five batches (ReportLaneTests). A refused agent polls nothing until its Retry-After, jittered up
/// to twice it, has passed: the fleet bench's changes not done within 15 s were such hosts, their
/// ack of the change refused (docs/benchmarks.md, fleet16). Not thread-safe: the lane calls it
/// under its lock.
/// </summary>
internal sealed class LaneBacklog(TimeProvider time, int maxBatch)
{
    // Each batch weighs a quarter: the estimate follows a change of load within a few batches.
    private const double Weight = 0.25;

    private bool _measured;
    private double _batchTicks;
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
        var took = (double)time.GetElapsedTime(_startedAt).Ticks;
        _batchTicks = _measured ? Average(_batchTicks, took) : took;
        // A batch's time over its reports bounds the cost per report from above (it includes what
        // every batch pays): a large batch's is close, a small one's only counts when it is lower.
        var perReport = took / InFlight;
        if (InFlight >= maxBatch / 2 || perReport < _perReportTicks)
        {
            _perReportTicks = _perReportTicks == 0 ? perReport : Average(_perReportTicks, perReport);
        }
        _measured = true;
        InFlight = 0;
    }

    /// <summary>
    /// Until <paramref name="queued"/> more reports are written: what is left of the running
    /// batch, then the queued reports in batches of up to <c>maxBatch</c>, each at its estimate.
    /// </summary>
    public TimeSpan Estimate(int queued)
    {
        var elapsed = InFlight > 0 ? (double)time.GetElapsedTime(_startedAt).Ticks : 0;
        if (!_measured)
        {
            // Nothing written yet: the running batch's time per report, for each report queued.
            return TimeSpan.FromTicks((long)(InFlight > 0 ? elapsed / InFlight * queued : 0));
        }
        var running = InFlight > 0 ? Math.Max(0, Math.Max(_batchTicks, _perReportTicks * InFlight) - elapsed) : 0;
        var floor = Math.Max(_batchTicks, elapsed);
        var full = queued / maxBatch;
        var rest = queued % maxBatch;
        var ahead = (full * Math.Max(floor, _perReportTicks * maxBatch)) + (rest > 0 ? Math.Max(floor, _perReportTicks * rest) : 0);
        return TimeSpan.FromTicks((long)(running + ahead));
    }

    private static double Average(double average, double sample) => (Weight * sample) + ((1 - Weight) * average);
}
