using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace HaVip.Linux.Links;

/// <summary>The IPv4 addresses configured on the interfaces of this network namespace.</summary>
public static class InterfaceAddresses
{
    /// <summary>
    /// The interface's primary IPv4 address (the advert source when no unicast_src_ip is set),
    /// skipping <paramref name="exclude"/>: a VIP left behind by a killed daemon must never
    /// become our identity in the election.
    /// </summary>
    public static IPAddress? PrimaryIPv4(string interfaceName, IReadOnlyCollection<IPAddress> exclude) =>
        Primary(IPv4ByInterface(), interfaceName, exclude);

    /// <summary>
    /// Every interface's IPv4 addresses in the kernel's order, read once: with many instances,
    /// enumerating the interfaces per instance would cost a full dump each.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> IPv4ByInterface() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .GroupBy(n => n.Name, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<IPAddress>)g.First().GetIPProperties().UnicastAddresses
                    .Select(u => u.Address).Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToList(),
                StringComparer.Ordinal);

    /// <summary><see cref="PrimaryIPv4(string, IReadOnlyCollection{IPAddress})"/> on addresses read by <see cref="IPv4ByInterface"/>.</summary>
    public static IPAddress? Primary(IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> addresses, string interfaceName, IReadOnlyCollection<IPAddress> exclude)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(exclude);
        return addresses.TryGetValue(interfaceName, out var list) ? list.FirstOrDefault(a => !exclude.Contains(a)) : null;
    }
}
