namespace HaVip.Lab;

/// <summary>
/// Finds the built HaVip.Server and HaVip.Agent: next to the running program first (a published
/// layout), else in the repository's build output of the same configuration.
/// </summary>
public static class Binaries
{
    public static string Server => Locate("HaVip.Server");

    public static string Agent => Locate("HaVip.Agent");

    public static string Locate(string project)
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HaVip.slnx")))
            {
                var built = Path.Combine(dir.FullName, "src", project, "bin", configuration, "net10.0", project + ".dll");
                if (File.Exists(built))
                {
                    return built;
                }
            }
        }
        var beside = Path.Combine(here, project + ".dll");
        return File.Exists(beside) && File.Exists(Path.Combine(here, project + ".runtimeconfig.json"))
            ? beside
            : throw new FileNotFoundException($"cannot find {project}.dll; build the solution first (dotnet build HaVip.slnx)");
    }
}
