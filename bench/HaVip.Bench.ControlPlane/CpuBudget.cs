using System.Globalization;

namespace HaVip.Bench.ControlPlane;

/// <summary>
/// A fixed CPU budget for one replica, as if it ran on a small machine of its own: a cgroup
/// whose CFS quota allows <see cref="Cores"/> of one core. The 10 ms period (the kernel default
/// is 100 ms) keeps a throttled replica's stalls short, so the budget limits throughput without
/// adding tens of milliseconds to single requests. A high cpu weight lets the replica have its
/// budget even when the rest of the machine is busy; the quota still caps it.
/// </summary>
internal sealed class CpuBudget : IDisposable
{
    private const int PeriodMicroseconds = 10_000;
    private const string V1Root = "/sys/fs/cgroup/cpu";
    private const string V2Root = "/sys/fs/cgroup";

    private string? _leaveTo;

    private CpuBudget(string path, double cores)
    {
        Path = path;
        Cores = cores;
    }

    /// <summary>The cgroup directory; a process joins it by writing its pid to cgroup.procs.</summary>
    public string Path { get; }

    public double Cores { get; }

    /// <summary>
    /// The load generator (this process) at the replicas' raised weight but without a quota, as
    /// a client machine of its own would be: other work on a shared machine then slows the
    /// replicas' clients no more than the replicas. Leaves the cgroup when disposed.
    /// </summary>
    public static CpuBudget ForThisProcess(string name)
    {
        var budget = Create(name, cores: null);
        File.WriteAllText(System.IO.Path.Combine(budget.Path, "cgroup.procs"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        budget._leaveTo = System.IO.Path.GetDirectoryName(budget.Path);
        return budget;
    }

    /// <param name="cores">Null: the raised weight only, no quota.</param>
    public static CpuBudget Create(string name, double? cores)
    {
        if (cores is <= 0 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(cores), "--replica-cpu is a fraction of one core, e.g. 0.4.");
        }
        var quota = cores is { } c ? ((int)Math.Round(c * PeriodMicroseconds)).ToString(CultureInfo.InvariantCulture) : "-1";
        var period = PeriodMicroseconds.ToString(CultureInfo.InvariantCulture);
        if (File.Exists(System.IO.Path.Combine(V1Root, "cpu.cfs_quota_us")))
        {
            var path = System.IO.Path.Combine(V1Root, name);
            Directory.CreateDirectory(path);
            File.WriteAllText(System.IO.Path.Combine(path, "cpu.cfs_period_us"), period);
            File.WriteAllText(System.IO.Path.Combine(path, "cpu.cfs_quota_us"), quota);
            File.WriteAllText(System.IO.Path.Combine(path, "cpu.shares"), "8192");
            return new CpuBudget(path, cores ?? double.PositiveInfinity);
        }
        if (File.Exists(System.IO.Path.Combine(V2Root, "cgroup.controllers")))
        {
            var path = System.IO.Path.Combine(V2Root, name);
            Directory.CreateDirectory(path);
            File.WriteAllText(System.IO.Path.Combine(path, "cpu.max"), $"{(cores is null ? "max" : quota)} {period}");
            File.WriteAllText(System.IO.Path.Combine(path, "cpu.weight"), "800");
            return new CpuBudget(path, cores ?? double.PositiveInfinity);
        }
        throw new PlatformNotSupportedException("--replica-cpu needs a writable cgroup cpu controller (run as root).");
    }

    /// <summary>How often the replica ran out of budget in a period (cgroup cpu.stat nr_throttled).</summary>
    public long ThrottledPeriods()
    {
        foreach (var line in File.ReadLines(System.IO.Path.Combine(Path, "cpu.stat")))
        {
            var parts = line.Split(' ');
            if (parts is ["nr_throttled", var value])
            {
                return long.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>Removes the cgroup; the kernel refuses while a process is still in it, so call after it exited.</summary>
    public void Dispose()
    {
        if (_leaveTo is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(_leaveTo, "cgroup.procs"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        for (var attempt = 0; attempt < 50 && Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
