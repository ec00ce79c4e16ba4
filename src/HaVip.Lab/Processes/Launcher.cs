using System.Diagnostics;
using System.Globalization;

namespace HaVip.Lab.Processes;

/// <summary>
/// Starts long-running lab processes detached (own session, output to a log file) so they
/// outlive `havip up`, optionally inside a network namespace. The pid is the process's own:
/// the shell records it and then execs the program.
/// </summary>
public sealed class Launcher(string stateDir)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    public string LogPath(string name) => Path.Combine(stateDir, name + ".log");

    public async Task<int> StartAsync(string name, string? netns, IReadOnlyList<string> command, CancellationToken ct)
    {
        var pidFile = Path.Combine(stateDir, name + ".pid");
        File.Delete(pidFile);
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        if (netns is not null)
        {
            foreach (var part in new[] { "ip", "netns", "exec", netns })
            {
                info.ArgumentList.Add(part);
            }
        }
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("echo $$ > \"$0\"; exec \"$@\" >> \"${0%.pid}.log\" 2>&1 < /dev/null");
        info.ArgumentList.Add(Path.Combine(stateDir, name + ".pid"));
        foreach (var part in command)
        {
            info.ArgumentList.Add(part);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {name}");
        // The shell creates the file before it writes the pid into it: wait for the number, not
        // the file (an empty file seen in between once failed a start on a loaded machine).
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var text = File.Exists(pidFile) ? await File.ReadAllTextAsync(pidFile, ct) : "";
            if (text.EndsWith('\n') && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{name} did not start within {StartTimeout.TotalSeconds:0} s; see {LogPath(name)}");
            }
            await Task.Delay(20, ct);
        }
    }

    /// <summary>SIGTERM, a grace period, then SIGKILL.</summary>
    public static async Task StopAsync(int pid, TimeSpan grace)
    {
        if (!Alive(pid))
        {
            return;
        }
        using (var process = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await process.WaitForExitAsync();
        }
        var deadline = DateTime.UtcNow + grace;
        while (Alive(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        if (Alive(pid))
        {
            using var kill = Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
    }

    /// <summary>Alive and not a zombie waiting for its parent.</summary>
    public static bool Alive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return !text[(text.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
