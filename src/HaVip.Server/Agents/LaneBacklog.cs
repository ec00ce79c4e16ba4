namespace HaVip.Server.Agents;

/// <summary>
/// How long a <see cref="ReportLane{T}"/>'s queue takes to write, from its measured batches. A
/// report weighs what its write costs (an ack: the rows it settles; otherwise 1), and the queue
/// goes in batches of up to <c>maxBatch</c> reports and <c>maxWeight</c>. A batch costs a part
/// that does not grow with its weight (the write gate's wait, the transaction, a pause of the
/// process) and a part that does. So each batch ahead is estimated as the largest of: the batches'
/// moving average, the running batch's time so far (a batch that is slow counts before it ends),
/// and the cost per unit of weight (from heavy batches, see <see cref="Finished"/>) times its
/// weight. A slow batch's time is counted once per batch ahead, never once per report queued: one
/// batch of one ack held 300 ms by a pause, with 150 acks queued behind it (500 acks a second at 50
/// changes a second over 1,000 hosts), was once estimated at 45 s, so every ack after the 16th was
/// refused though the queue went in five batches (ReportLaneTests). A refused agent polls nothing
/// until its Retry-After, jittered up to twice it, has passed (docs/benchmarks.md, fleet16).
/// <para>
/// Before any batch was written (a fleet's first start: every host's first ack at once) nothing is
/// measured, and each unit queued is taken at the running batch's time per unit so far or at
/// <c>unmeasuredCost</c>, whichever is higher. Without that floor the first batch's first
/// milliseconds made the estimate about zero: at the region's first start (fleet24) a thousand
/// first acks, 1,100 rows each, were all accepted within seconds, and the last of them waited
/// 10 s and more in the queue, past the agent's timeout.
/// </para>
/// Not thread-safe: the lane calls it under its lock.
/// </summary>
internal sealed class LaneBacklog(TimeProvider time, int maxBatch, long maxWeight, TimeSpan unmeasuredCost)
{
    // Each batch weighs a quarter: the estimate follows a change of load within a few batches.
    private const double Weight = 0.25;

    private bool _measured;
    private double _batchTicks;
    private double _perUnitTicks;
    private long _startedAt;

    /// <summary>Reports in the batch being written; 0 between batches.</summary>
    public int InFlight { get; private set; }

    /// <summary>The weight of the batch being written.</summary>
    private long InFlightWeight { get; set; }

    public void Started(int reports, long weight)
    {
        InFlight = reports;
        InFlightWeight = Math.Max(1, weight);
        _startedAt = time.GetTimestamp();
    }

    public void Finished()
    {
        var took = (double)time.GetElapsedTime(_startedAt).Ticks;
        _batchTicks = _measured ? Average(_batchTicks, took) : took;
        // A batch's time over its weight bounds the cost per unit from above (it includes what
        // every batch pays): a heavy batch's is close, a light one's only counts when it is lower.
        var perUnit = took / InFlightWeight;
        if (InFlightWeight >= maxWeight / 2 || perUnit < _perUnitTicks)
        {
            _perUnitTicks = _perUnitTicks == 0 ? perUnit : Average(_perUnitTicks, perUnit);
        }
        _measured = true;
        InFlight = 0;
        InFlightWeight = 0;
    }

    /// <summary>
    /// Until <paramref name="queued"/> more reports weighing <paramref name="queuedWeight"/> are
    /// written: what is left of the running batch, then the queued reports in as many batches as
    /// their count and weight need, each at its estimate.
    /// </summary>
    public TimeSpan Estimate(int queued, long queuedWeight)
    {
        var elapsed = InFlight > 0 ? (double)time.GetElapsedTime(_startedAt).Ticks : 0;
        if (!_measured)
        {
            var perUnit = Math.Max(InFlight > 0 ? elapsed / InFlightWeight : 0, unmeasuredCost.Ticks);
            var rest = InFlight > 0 ? Math.Max(0, (perUnit * InFlightWeight) - elapsed) : 0;
            return TimeSpan.FromTicks((long)(rest + (perUnit * queuedWeight)));
        }
        var running = InFlight > 0 ? Math.Max(0, Math.Max(_batchTicks, _perUnitTicks * InFlightWeight) - elapsed) : 0;
        if (queued == 0)
        {
            return TimeSpan.FromTicks((long)running);
        }
        var floor = Math.Max(_batchTicks, elapsed);
        var batches = Math.Max(Batches(queued, maxBatch), Batches(queuedWeight, maxWeight));
        var ahead = batches * Math.Max(floor, _perUnitTicks * queuedWeight / batches);
        return TimeSpan.FromTicks((long)(running + ahead));
    }

    private static long Batches(long amount, long perBatch) => (amount + perBatch - 1) / perBatch;

    private static double Average(double average, double sample) => (Weight * sample) + ((1 - Weight) * average);
}
