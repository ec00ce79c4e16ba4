using System.Globalization;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Vrrp;

/// <summary>keepalived as the lab runs it detached (<see cref="Processes.Launcher"/>): in the foreground, VRRP only, its pid files in the state directory.</summary>
public static class Keepalived
{
    /// <param name="name">The process's lab name (keepalived-havip-01): its pid files are named after it.</param>
    public static IReadOnlyList<string> Command(string stateDir, string name, string configFile) =>
        ["keepalived", "-n", "-l", "-G", "-P", "-f", configFile, "-p", Path.Combine(stateDir, name + ".kpid"), "-r", VrrpPidFile(stateDir, name)];

    /// <summary>Where keepalived writes the pid of its VRRP child, which must be killed too for a crash.</summary>
    public static string VrrpPidFile(string stateDir, string name) => Path.Combine(stateDir, name + ".vpid");

    /// <summary>
    /// SIGKILLs daemons (lab name → pid) and their VRRP children: a crash, no goodbye advert, and
    /// the VIP left on the NIC. Every one is stopped first (SIGSTOP, parents first), then all are
    /// killed in one `kill`: between two kills a process that runs can still act. Killed one after
    /// the other, a child heard of its parent's death in between and shut down cleanly (a
    /// priority-0 advert, the VIP removed; docs/split-brain.md); and a parent that outlives its
    /// child by a moment respawns it, and the new child starts by removing the VIP (a fresh-clone
    /// rehearsal under load: the SIGKILLed master no longer held its VIP). Stopped, neither can.
    /// A daemon without a VRRP pid file (havipd) is killed alone.
    /// </summary>
    public static async Task CrashAsync(CommandRunner commands, string stateDir, IReadOnlyList<(string Name, int Pid)> daemons)
    {
        var children = new List<string>();
        foreach (var (name, _) in daemons)
        {
            var file = VrrpPidFile(stateDir, name);
            if (File.Exists(file) && int.TryParse((await File.ReadAllTextAsync(file)).Trim(), CultureInfo.InvariantCulture, out var child))
            {
                children.Add(child.ToString(CultureInfo.InvariantCulture));
            }
        }
        string[] parents = [.. daemons.Select(d => d.Pid.ToString(CultureInfo.InvariantCulture))];
        if (children.Count + parents.Length > 0)
        {
            await commands.RunAsync("kill", ["-STOP", .. parents, .. children]);
            await commands.RunAsync("kill", ["-KILL", .. children, .. parents]);
        }
    }
}
