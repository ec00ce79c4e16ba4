using System.Net;
using HaVip.Net.Ethernet;

namespace HaVip.Net.Arp;

/// <summary>
/// Builds the gratuitous ARP a new master sends for each virtual address (RFC 5798 §6.4.1
/// (200)), byte for byte as keepalived 2.2.7 does (see Captures/README.md): a broadcast
/// request whose sender and target IP are both the address and whose target MAC is
/// ff:ff:ff:ff:ff:ff, so every neighbour, old entry or not, updates its cache.
/// </summary>
public static class GratuitousArp
{
    /// <summary>The frame keepalived sends for <paramref name="address"/> from <paramref name="interfaceMac"/>.</summary>
    public static ArpFrame Create(MacAddress interfaceMac, IPAddress address) =>
        Create(interfaceMac, address, MacAddress.Broadcast);

    /// <summary>
    /// As <see cref="Create(MacAddress, IPAddress)"/> with a chosen target MAC: pass
    /// <see cref="MacAddress.Zero"/> for the RFC 5227 §2.3 announcement form.
    /// </summary>
    public static ArpFrame Create(MacAddress interfaceMac, IPAddress address, MacAddress targetHardwareAddress)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(
            new EthernetHeader(MacAddress.Broadcast, interfaceMac, EtherType.Arp),
            new ArpPacket(ArpOperation.Request, interfaceMac, address, targetHardwareAddress, address));
    }
}
