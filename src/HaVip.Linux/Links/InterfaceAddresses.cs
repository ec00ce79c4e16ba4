using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace HaVip.Linux.Links;

/// <summary>The addresses configured on the interfaces of this network namespace.</summary>
public static class InterfaceAddresses
{
    /// <summary>
    /// The interface's primary IPv4 address (the advert source when no unicast_src_ip is set),
    /// skipping <paramref name="exclude"/>: a VIP left behind by a killed daemon must never
    /// become our identity in the election.
    /// </summary>
    public static IPAddress? PrimaryIPv4(string interfaceName, IReadOnlyCollection<IPAddress> exclude) =>
        Primary(ByInterface(), interfaceName, AddressFamily.InterNetwork, exclude);

    /// <summary>
    /// Every interface's addresses of both families in the kernel's order, read once: with many
    /// instances, enumerating the interfaces per instance would cost a full dump each. IPv6
    /// addresses come without a scope id, as they appear in packets.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> ByInterface() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .GroupBy(n => n.Name, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<IPAddress>)g.First().GetIPProperties().UnicastAddresses
                    .Select(u => u.Address.AddressFamily == AddressFamily.InterNetworkV6 ? new IPAddress(u.Address.GetAddressBytes()) : u.Address)
                    .ToList(),
                StringComparer.Ordinal);

    /// <summary>
    /// The advert source of an instance of <paramref name="family"/> without unicast_src_ip: the
    /// interface's first IPv4 address, or its IPv6 link-local address (RFC 5798 section 5.1.2.1,
    /// as keepalived), skipping <paramref name="exclude"/>; null when it has none.
    /// </summary>
    public static IPAddress? Primary(
        IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> addresses, string interfaceName, AddressFamily family, IReadOnlyCollection<IPAddress> exclude)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(exclude);
        if (!addresses.TryGetValue(interfaceName, out var list))
            return null;
        return list.FirstOrDefault(a => a.AddressFamily == family && (family != AddressFamily.InterNetworkV6 || a.IsIPv6LinkLocal) && !exclude.Contains(a));
    }
}
