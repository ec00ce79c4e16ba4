namespace HaVip.Lab.Vrrp;

/// <summary>
/// How to start havipd: the havipd.dll built next to this test assembly through the project
/// reference, or, when HAVIPD_EXE names one, a published executable (a Native AOT build), so the
/// same tests and benchmarks run against what ships.
/// </summary>
public static class HavipdPath
{
    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "havipd.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("havipd.dll not next to the tests", path);
        }
    }

    /// <summary>The program and its first arguments.</summary>
    public static IReadOnlyList<string> Command =>
        Environment.GetEnvironmentVariable("HAVIPD_EXE") is { Length: > 0 } exe ? [Path.GetFullPath(exe)] : ["dotnet", Dll];

    /// <summary>havipd on <paramref name="configFile"/> under the lab name <paramref name="name"/>: its control socket and pid file in <paramref name="stateDir"/> (as <see cref="Keepalived.Command"/>).</summary>
    public static IReadOnlyList<string> DaemonCommand(string stateDir, string name, string configFile) =>
        [.. Command, "-f", configFile, "--control", Path.Combine(stateDir, name + ".sock"), "-p", Path.Combine(stateDir, name + ".kpid")];

    public static string Describe =>
        Environment.GetEnvironmentVariable("HAVIPD_EXE") is { Length: > 0 } ? "published executable (HAVIPD_EXE)" : "dotnet havipd.dll";
}
