using HaVip.Net.Arp;
using HaVip.Net.Ethernet;

namespace HaVip.Agent.Arp;

/// <summary>
/// The agent's ARP decision, pure: a frame an instance sent into its port, against the server's
/// word on who may claim which VIP. The agent never decides policy, it only applies the table.
/// </summary>
internal static class ClaimInspector
{
    public static ClaimVerdict Inspect(ReadOnlySpan<byte> frame, PortIdentity port, ClaimTable table)
    {
        if (!EthernetHeader.TryRead(frame, out var ethernet, out _) || ethernet.EtherType != EtherType.Arp)
        {
            return ClaimVerdict.Of(ClaimVerdictKind.NotArp);
        }
        if (!ArpFrame.TryRead(frame, out var arp, out _))
        {
            return ClaimVerdict.Of(ClaimVerdictKind.Malformed);
        }
        if (!ArpClaim.TryFrom(arp.Arp, out var claim))
        {
            return ClaimVerdict.Of(ClaimVerdictKind.NotClaim);
        }
        var owners = table.Find(port.SubnetId, claim.Address);
        if (owners is null)
        {
            return ClaimVerdict.Of(ClaimVerdictKind.NotVip);
        }
        if (claim.HardwareAddress != port.Mac || arp.Ethernet.Source != port.Mac)
        {
            return new ClaimVerdict(ClaimVerdictKind.ForeignMac, owners.HaVipId, port.InstanceId);
        }
        return owners.InstanceIds.Contains(port.InstanceId)
            ? new ClaimVerdict(ClaimVerdictKind.Holder, owners.HaVipId, port.InstanceId)
            : new ClaimVerdict(ClaimVerdictKind.Spoof, owners.HaVipId, port.InstanceId);
    }
}
