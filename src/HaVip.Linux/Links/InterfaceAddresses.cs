using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace HaVip.Linux.Links;

/// <summary>The IPv4 addresses configured on an interface of this network namespace.</summary>
public static class InterfaceAddresses
{
    /// <summary>
    /// The interface's primary IPv4 address (the advert source when no unicast_src_ip is set),
    /// skipping <paramref name="exclude"/>: a VIP left behind by a killed daemon must never
    /// become our identity in the election.
    /// </summary>
    public static IPAddress? PrimaryIPv4(string interfaceName, IReadOnlyCollection<IPAddress> exclude)
    {
        ArgumentNullException.ThrowIfNull(exclude);
        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == interfaceName);
        return nic?.GetIPProperties().UnicastAddresses
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !exclude.Contains(a));
    }
}
