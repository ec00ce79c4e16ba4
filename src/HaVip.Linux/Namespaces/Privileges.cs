namespace HaVip.Linux.Namespaces;

/// <summary>Whether this process may build network namespaces: effective uid 0 and a kernel with netns.</summary>
public static class Privileges
{
    public static bool IsRoot()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = line?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 2 } && fields[2] == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static bool HasNetns() => File.Exists("/proc/self/ns/net");

    /// <summary>Null when the lab can run; otherwise what to tell the user.</summary>
    public static string? WhyNoLab() =>
        !HasNetns() ? "this kernel has no network namespace support (/proc/self/ns/net is missing)"
        : !IsRoot() ? "the lab builds network namespaces, bridges and nftables rules: run it as root (sudo)"
        : null;
}
