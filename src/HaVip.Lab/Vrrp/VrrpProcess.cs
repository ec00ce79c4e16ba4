using System.Diagnostics;
using System.Text;
using HaVip.Lab.Processes;

namespace HaVip.Lab.Vrrp;

/// <summary>havipd or keepalived running in a namespace; output kept for assertions and failure messages.</summary>
public sealed class VrrpProcess(string name, Process process, string? childPidFile) : IDisposable
{
    private readonly Process _process = process;

    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();

    public string Name { get; } = name;

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_lock)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public static VrrpProcess Start(string name, string file, IEnumerable<string> args, string? childPidFile)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var p = new VrrpProcess(name, Process.Start(psi)!, childPidFile);
        p._process.OutputDataReceived += (_, e) => p.Append(e.Data);
        p._process.ErrorDataReceived += (_, e) => p.Append(e.Data);
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        return p;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_lock)
            _output.AppendLine(line);
    }

    public void Signal(string signal)
    {
        if (!_process.HasExited)
            Shell.Try("kill", [$"-{signal}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], out _);
    }

    /// <summary>SIGKILL the whole daemon: keepalived's VRRP child too, which would otherwise go on advertising.</summary>
    public void Kill()
    {
        if (childPidFile is not null && File.Exists(childPidFile))
            Shell.Try("kill", ["-KILL", File.ReadAllText(childPidFile).Trim()], out _);
        Signal("KILL");
        _process.WaitForExit(5000);
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }
}
