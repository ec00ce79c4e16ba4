using System.Globalization;

namespace HaVip.Bench.ControlPlane;

/// <summary>Busy time of the whole machine from /proc/stat: shows whether the cores outside the replicas' budgets were the limit.</summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - fields[3] - fields[4], total);
    }

    /// <summary>Busy share of all cores between two readings, 0–1.</summary>
    public static double BusyShare(MachineCpu before, MachineCpu after) =>
        after.Total == before.Total ? 0 : (double)(after.Busy - before.Busy) / (after.Total - before.Total);
}
