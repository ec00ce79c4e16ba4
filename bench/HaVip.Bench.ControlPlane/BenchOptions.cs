using System.Globalization;

namespace HaVip.Bench.ControlPlane;

/// <param name="Database">Empty: SQLite. Otherwise an Npgsql connection string of a database the benchmark may fill.</param>
internal sealed record BenchOptions(int HaVips, TimeSpan Duration, int Concurrency, string ServerDll, string? Database, int Replicas)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var root = FindRepoRoot();
        return new BenchOptions(
            int.Parse(Value("--havips") ?? "100000", CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds") ?? "10", CultureInfo.InvariantCulture)),
            int.Parse(Value("--concurrency") ?? "4", CultureInfo.InvariantCulture),
            Value("--server") ?? Path.Combine(root, "src", "HaVip.Server", "bin", "Release", "net10.0", "HaVip.Server.dll"),
            Value("--database"),
            int.Parse(Value("--replicas") ?? "1", CultureInfo.InvariantCulture));
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HaVip.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the HaVip repository");
    }
}
