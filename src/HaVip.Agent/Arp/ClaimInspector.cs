using HaVip.Net.Arp;
using HaVip.Net.Ethernet;
using HaVip.Net.Ndp;

namespace HaVip.Agent.Arp;

/// <summary>
/// The agent's claim decision, pure: an ARP frame or a Neighbor Advertisement an instance sent into its port, against the server's
/// word on who may claim which VIP. The agent never decides policy, it only applies the table.
/// </summary>
internal static class ClaimInspector
{
    public static ClaimVerdict Inspect(ReadOnlySpan<byte> frame, PortIdentity port, ClaimTable table)
    {
        if (!EthernetHeader.TryRead(frame, out var ethernet, out _) || ethernet.EtherType is not (EtherType.Arp or EtherType.IPv6))
        {
            return ClaimVerdict.Of(ClaimVerdictKind.NotArp);
        }
        if (ethernet.EtherType == EtherType.IPv6)
        {
            return InspectAdvertisement(frame, port, table);
        }
        if (!ArpFrame.TryRead(frame, out var arp, out _))
        {
            return ClaimVerdict.Of(ClaimVerdictKind.Malformed);
        }
        if (!ArpClaim.TryFrom(arp.Arp, out var claim))
        {
            return ClaimVerdict.Of(ClaimVerdictKind.NotClaim);
        }
        return Judge(claim.Address, claim.HardwareAddress == port.Mac && arp.Ethernet.Source == port.Mac, port, table);
    }

    /// <summary>
    /// IPv6's gratuitous ARP: an unsolicited Neighbor Advertisement with the override flag (RFC 4861
    /// §7.2.6) claims its target, for the target link-layer address it carries (the frame's source
    /// when it carries none).
    /// </summary>
    private static ClaimVerdict InspectAdvertisement(ReadOnlySpan<byte> frame, PortIdentity port, ClaimTable table)
    {
        if (!NeighborAdvertisement.TryRead(frame, out var advertisement, out _))
        {
            return ClaimVerdict.Of(ClaimVerdictKind.Malformed);
        }
        if (!advertisement.IsClaim)
        {
            return ClaimVerdict.Of(ClaimVerdictKind.NotClaim);
        }
        var ownMac = (advertisement.TargetLinkLayer ?? advertisement.EthernetSource) == port.Mac && advertisement.EthernetSource == port.Mac;
        return Judge(advertisement.Target, ownMac, port, table);
    }

    private static ClaimVerdict Judge(System.Net.IPAddress address, bool ownMac, PortIdentity port, ClaimTable table)
    {
        var owners = table.Find(port.SubnetId, address);
        if (owners is null)
        {
            return ClaimVerdict.Of(ClaimVerdictKind.NotVip);
        }
        if (!ownMac)
        {
            return new ClaimVerdict(ClaimVerdictKind.ForeignMac, owners.HaVipId, port.InstanceId);
        }
        return owners.InstanceIds.Contains(port.InstanceId)
            ? new ClaimVerdict(ClaimVerdictKind.Holder, owners.HaVipId, port.InstanceId)
            : new ClaimVerdict(ClaimVerdictKind.Spoof, owners.HaVipId, port.InstanceId);
    }
}
