namespace HaVip.Linux.Links;

/// <summary>
/// Whether an interface forwards IPv6 (<c>net.ipv6.conf.IF.forwarding</c>): a router's Neighbor
/// Advertisements carry the router flag (RFC 4861 section 4.4). Read from /proc/sys/net, which
/// shows the reading thread's network namespace.
/// </summary>
public static class Ipv6Forwarding
{
    private const string Conf = "/proc/sys/net/ipv6/conf";

    /// <summary>True when the sysctl reads 1 or more; false when it is 0, or the interface has no IPv6.</summary>
    public static bool IsOn(string interfaceName)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(Conf, interfaceName, "forwarding")).Trim(), out var value) && value > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
