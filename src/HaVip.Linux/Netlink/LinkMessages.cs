using System.Buffers.Binary;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Netlink;

/// <summary>Pure encoders of the link requests (RTM_NEWLINK / RTM_DELLINK, rtnetlink(7)); testable as bytes.</summary>
public static class LinkMessages
{
    /// <summary>MACVLAN_MODE_PRIVATE of linux/if_link.h: no traffic between macvlans of one base, as keepalived's VMAC.</summary>
    public const uint MacvlanModePrivate = 1;

    private const int IfInfoMsgLength = 16;
    private const uint IffUp = 0x1;

    // linux/if_link.h
    internal const ushort IflaLink = 5;
    private const ushort IflaAfSpec = 26;
    private const ushort AfInet6 = 10;
    private const ushort IflaInet6AddrGenMode = 8;

    /// <summary>IN6_ADDR_GEN_MODE_NONE of linux/if_link.h: the kernel makes no link-local address of its own.</summary>
    public const byte AddrGenModeNone = 1;
    internal const ushort IflaLinkInfo = 18;
    internal const ushort IflaInfoKind = 1;
    internal const ushort IflaInfoData = 2;
    internal const ushort IflaMacvlanMode = 1;

    /// <summary>
    /// RTM_NEWLINK creating <paramref name="name"/> as a macvlan of <paramref name="baseIndex"/> with
    /// <paramref name="mac"/>, brought up in the same request (as <c>ip link add … up</c>) unless
    /// <paramref name="up"/> is false.
    /// </summary>
    public static byte[] NewMacvlan(string name, int baseIndex, MacAddress mac, uint mode, uint sequence, bool up = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var w = new NetlinkWriter(NetlinkConstants.RtmNewLink,
            NetlinkConstants.FRequest | NetlinkConstants.FAck | NetlinkConstants.FCreate | NetlinkConstants.FExcl, sequence);
        var body = w.Body(IfInfoMsgLength);
        BinaryPrimitives.WriteUInt32LittleEndian(body[8..], up ? IffUp : 0); // ifi_flags
        BinaryPrimitives.WriteUInt32LittleEndian(body[12..], IffUp); // ifi_change
        w.Attribute(NetlinkConstants.IflaIfName, name);
        w.Attribute(IflaLink, (uint)baseIndex);
        Span<byte> address = stackalloc byte[MacAddress.Length];
        mac.Write(address);
        w.Attribute(NetlinkConstants.IflaAddress, address);
        var info = w.BeginNested(IflaLinkInfo);
        w.Attribute(IflaInfoKind, "macvlan");
        var data = w.BeginNested(IflaInfoData);
        w.Attribute(IflaMacvlanMode, mode);
        w.EndNested(data);
        w.EndNested(info);
        return w.ToArray();
    }

    /// <summary>
    /// RTM_NEWLINK on an existing interface: up (as <c>ip link set IF up</c>), and with
    /// <paramref name="addrGenMode"/> its IPv6 address generation mode (as <c>ip link set IF
    /// addrgenmode none</c>), which must be set before the interface goes up to keep the kernel
    /// from making a link-local address.
    /// </summary>
    public static byte[] SetLink(int index, bool up, byte? addrGenMode, uint sequence)
    {
        var w = new NetlinkWriter(NetlinkConstants.RtmNewLink, NetlinkConstants.FRequest | NetlinkConstants.FAck, sequence);
        var body = w.Body(IfInfoMsgLength);
        BinaryPrimitives.WriteInt32LittleEndian(body[4..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(body[8..], up ? IffUp : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(body[12..], up ? IffUp : 0);
        if (addrGenMode is { } mode)
        {
            var spec = w.BeginNested(IflaAfSpec);
            var inet6 = w.BeginNested(AfInet6);
            w.Attribute(IflaInet6AddrGenMode, mode);
            w.EndNested(inet6);
            w.EndNested(spec);
        }

        return w.ToArray();
    }

    /// <summary>RTM_DELLINK of the interface with <paramref name="index"/>.</summary>
    public static byte[] DeleteLink(int index, uint sequence)
    {
        var w = new NetlinkWriter(NetlinkConstants.RtmDelLink, NetlinkConstants.FRequest | NetlinkConstants.FAck, sequence);
        BinaryPrimitives.WriteInt32LittleEndian(w.Body(IfInfoMsgLength)[4..], index);
        return w.ToArray();
    }
}
