namespace HaVip.Server.HaVips;

/// <summary>
/// How many due HAVIPs the leader's next health round takes, so that a round holds the one write
/// path about <see cref="Hold"/> whatever a HAVIP's evaluation costs on this machine: a backlog
/// (the migration makes every HAVIP due once; a burst of creates makes each due) drains in rounds
/// that requests' writes wait behind for milliseconds, not for the hundreds a fixed 200 took
/// (docs/vrrp-observation.md §5). The size follows the last round's cost per HAVIP, grows at most
/// twofold a round, and stays within [<see cref="Min"/>, <see cref="Max"/>].
/// </summary>
public sealed class RoundBudget
{
    /// <summary>What one round may hold the write path for.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(20);

    /// <summary>At least this many a round, so a backlog always drains (Min per health interval).</summary>
    public const int Min = 16;

    public const int Max = 200;

    /// <summary>The size of the next round.</summary>
    public int Next { get; private set; } = Min;

    /// <summary>Learns from a round that evaluated <paramref name="evaluated"/> HAVIPs in <paramref name="held"/>.</summary>
    public void Observe(int evaluated, TimeSpan held)
    {
        // A round that found less than it could take says nothing about the cost of a full one.
        if (evaluated < Next)
        {
            return;
        }
        var affordable = held <= TimeSpan.Zero ? Max : (int)(evaluated * (Hold / held));
        Next = Math.Clamp(Math.Min(affordable, 2 * Next), Min, Max);
    }
}
