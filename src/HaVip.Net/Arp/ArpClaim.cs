using System.Net;
using HaVip.Net.Ethernet;

namespace HaVip.Net.Arp;

/// <summary>
/// An ARP packet's assertion that <paramref name="HardwareAddress"/> now holds
/// <paramref name="Address"/>; the host agent learns a HAVIP's holder from these.
/// </summary>
/// <param name="Address">The claimed IPv4 address (the sender IP).</param>
/// <param name="HardwareAddress">The claiming MAC (the sender MAC).</param>
/// <param name="Kind">Which form of claim it was.</param>
public readonly record struct ArpClaim(IPAddress Address, MacAddress HardwareAddress, ArpClaimKind Kind)
{
    /// <summary>Classifies a packet; false (and Kind None) when it claims nothing.</summary>
    public static bool TryFrom(in ArpPacket packet, out ArpClaim claim)
    {
        var kind = Classify(packet);
        claim = kind == ArpClaimKind.None
            ? default
            : new(packet.SenderProtocolAddress, packet.SenderHardwareAddress, kind);
        return kind != ArpClaimKind.None;
    }

    /// <summary>The kind of claim a packet makes.</summary>
    public static ArpClaimKind Classify(in ArpPacket packet)
    {
        // A probe (sender IP 0.0.0.0) asks whether anyone holds the target; it claims nothing.
        if (packet.SenderProtocolAddress is null || packet.SenderProtocolAddress.Equals(IPAddress.Any))
            return ArpClaimKind.None;
        var gratuitous = packet.SenderProtocolAddress.Equals(packet.TargetProtocolAddress);
        return (packet.Operation, gratuitous) switch
        {
            (ArpOperation.Request, true) => ArpClaimKind.GratuitousRequest,
            (ArpOperation.Reply, true) => ArpClaimKind.GratuitousReply,
            (ArpOperation.Reply, false) => ArpClaimKind.Reply,
            _ => ArpClaimKind.None,
        };
    }
}
