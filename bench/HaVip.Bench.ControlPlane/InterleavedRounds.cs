namespace HaVip.Bench.ControlPlane;

/// <summary>
/// Two sides measured in rounds: every round runs each operation on both, the side that goes
/// first alternating, so the machine's drift falls on both alike. What a side is (a set of
/// replicas, a build) and how a measurement is reported belong to the caller.
/// </summary>
internal static class InterleavedRounds
{
    /// <summary>Each operation's measurements per side (index 0 and 1), in round order.</summary>
    public static async Task<Dictionary<string, List<Measurement>[]>> RunAsync(
        int rounds, Func<string, int, Task<Measurement>> measure, Action<int, string, int, Measurement> report)
    {
        var results = Workload.Names.ToDictionary(n => n, _ => new[] { new List<Measurement>(), new List<Measurement>() });
        for (var round = 0; round < rounds; round++)
        {
            foreach (var name in Workload.Names)
            {
                foreach (var side in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                {
                    var m = await measure(name, side);
                    results[name][side].Add(m);
                    report(round + 1, name, side, m);
                }
            }
        }
        return results;
    }
}
