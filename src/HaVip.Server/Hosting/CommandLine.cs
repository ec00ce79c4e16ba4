using HaVip.Server.Persistence;

namespace HaVip.Server.Hosting;

/// <summary>Maps the server's flags onto configuration keys.</summary>
public static class CommandLine
{
    public static string[] Normalize(IEnumerable<string> args)
    {
        var result = new List<string>();
        foreach (var arg in args)
        {
            result.Add(arg switch
            {
                "--no-demo" => $"--{ServerOptions.Section}:Demo=false",
                "--data-dir" => $"--{ServerOptions.Section}:DataDir",
                "--database" => $"--{ServerOptions.Section}:Database",
                _ when arg.StartsWith("--data-dir=", StringComparison.Ordinal) => $"--{ServerOptions.Section}:DataDir={arg["--data-dir=".Length..]}",
                _ when arg.StartsWith("--database=", StringComparison.Ordinal) => $"--{ServerOptions.Section}:Database={arg["--database=".Length..]}",
                _ => arg,
            });
        }
        return [.. result];
    }
}
