using HaVip.Net.Ethernet;

namespace HaVip.Net.Arp;

/// <summary>An ARP packet in an Ethernet II frame: what AF_PACKET sockets send and receive.</summary>
/// <param name="Ethernet">The Ethernet header, EtherType ARP.</param>
/// <param name="Arp">The ARP packet.</param>
public readonly record struct ArpFrame(EthernetHeader Ethernet, ArpPacket Arp)
{
    /// <summary>Frame length without padding or FCS (keepalived sends exactly this).</summary>
    public const int Length = EthernetHeader.Length + ArpPacket.Length;

    /// <summary>Reads a frame; padding after the ARP packet is ignored.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out ArpFrame arpFrame, out DropReason reason)
    {
        arpFrame = default;
        if (!EthernetHeader.TryRead(frame, out var ethernet, out reason))
            return false;
        if (ethernet.EtherType != EtherType.Arp)
        {
            reason = DropReason.BadEtherType;
            return false;
        }
        if (!ArpPacket.TryRead(frame[EthernetHeader.Length..], out var arp, out reason))
            return false;
        arpFrame = new(ethernet, arp);
        return true;
    }

    /// <summary>Writes the 42-byte frame (the NIC pads to the 60-byte minimum if it must).</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length
            || !Ethernet.TryWrite(destination, out _)
            || !Arp.TryWrite(destination[EthernetHeader.Length..], out _))
        {
            return false;
        }

        written = Length;
        return true;
    }
}
