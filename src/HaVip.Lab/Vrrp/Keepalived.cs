namespace HaVip.Lab.Vrrp;

/// <summary>keepalived as the lab runs it detached (<see cref="Processes.Launcher"/>): in the foreground, VRRP only, its pid files in the state directory.</summary>
public static class Keepalived
{
    /// <param name="name">The process's lab name (keepalived-havip-01): its pid files are named after it.</param>
    public static IReadOnlyList<string> Command(string stateDir, string name, string configFile) =>
        ["keepalived", "-n", "-l", "-G", "-P", "-f", configFile, "-p", Path.Combine(stateDir, name + ".kpid"), "-r", VrrpPidFile(stateDir, name)];

    /// <summary>Where keepalived writes the pid of its VRRP child, which must be killed too for a crash.</summary>
    public static string VrrpPidFile(string stateDir, string name) => Path.Combine(stateDir, name + ".vpid");
}
