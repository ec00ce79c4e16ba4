using System.Diagnostics;

namespace HaVip.Bench.Failover;

/// <summary>Busy shell loops, two per CPU, at normal priority: a machine saturated by other work.</summary>
internal sealed class CpuBurner : IDisposable
{
    private readonly List<Process> _loops = [];

    public CpuBurner(int perCpu = 2)
    {
        for (var i = 0; i < Environment.ProcessorCount * perCpu; i++)
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("while :; do :; done");
            _loops.Add(Process.Start(psi)!);
        }
    }

    public int Count => _loops.Count;

    public void Dispose()
    {
        foreach (var p in _loops)
        {
            p.Kill();
            p.WaitForExit();
            p.Dispose();
        }
    }
}
