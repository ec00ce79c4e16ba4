using System.Buffers.Binary;

namespace HaVip.Linux.Netlink;

/// <summary>Pure encoders of the rtnetlink requests havipd sends (rtnetlink(7)); testable as bytes.</summary>
public static class RouteMessages
{
    private const int IfAddrMsgLength = 8;
    private const int RtMsgLength = 12;
    private const int IfInfoMsgLength = 16;
    private const byte RtScopeUniverse = 0;
    private const byte RtScopeLink = 253;

    /// <summary>RTM_NEWADDR (create, fail if present) or RTM_DELADDR with an ack requested.</summary>
    public static byte[] Address(bool add, AddressSpec spec, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var flags = (ushort)(NetlinkConstants.FRequest | NetlinkConstants.FAck | (add ? NetlinkConstants.FCreate | NetlinkConstants.FExcl : 0));
        var w = new NetlinkWriter(add ? NetlinkConstants.RtmNewAddr : NetlinkConstants.RtmDelAddr, flags, sequence);
        var body = w.Body(IfAddrMsgLength);
        body[0] = NetlinkConstants.AfInet;
        body[1] = (byte)spec.PrefixLength;
        body[3] = spec.Scope;
        BinaryPrimitives.WriteInt32LittleEndian(body[4..], spec.InterfaceIndex);
        w.Attribute(NetlinkConstants.IfaLocal, spec.Address);
        w.Attribute(NetlinkConstants.IfaAddress, spec.Address);
        if (spec.Broadcast is { } brd)
            w.Attribute(NetlinkConstants.IfaBroadcast, brd);
        if (spec.Label is { Length: > 0 } label)
            w.Attribute(NetlinkConstants.IfaLabel, label);
        return w.ToArray();
    }

    /// <summary>RTM_NEWROUTE (create or replace) or RTM_DELROUTE with an ack requested.</summary>
    public static byte[] Route(bool add, RouteSpec spec, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var flags = (ushort)(NetlinkConstants.FRequest | NetlinkConstants.FAck | (add ? NetlinkConstants.FCreate | NetlinkConstants.FReplace : 0));
        var w = new NetlinkWriter(add ? NetlinkConstants.RtmNewRoute : NetlinkConstants.RtmDelRoute, flags, sequence);
        var body = w.Body(RtMsgLength);
        body[0] = NetlinkConstants.AfInet;
        body[1] = (byte)spec.PrefixLength;
        body[4] = spec.Table < 256 ? (byte)spec.Table : (byte)252; // RT_TABLE_COMPAT; RTA_TABLE carries the real id
        body[5] = NetlinkConstants.RtProtKeepalived;
        body[6] = spec.Scope ?? (spec.Gateway is null && spec.Type == 1 ? RtScopeLink : RtScopeUniverse);
        body[7] = spec.Type;
        w.Attribute(NetlinkConstants.RtaDst, spec.Destination);
        w.Attribute(NetlinkConstants.RtaTable, spec.Table);
        if (spec.Gateway is { } gw)
            w.Attribute(NetlinkConstants.RtaGateway, gw);
        if (spec.InterfaceIndex is { } oif)
            w.Attribute(NetlinkConstants.RtaOif, (uint)oif);
        if (spec.PreferredSource is { } src)
            w.Attribute(NetlinkConstants.RtaPrefSrc, src);
        if (spec.Metric is { } metric)
            w.Attribute(NetlinkConstants.RtaPriority, metric);
        return w.ToArray();
    }

    /// <summary>RTM_GETLINK dump of every interface (answered by RTM_NEWLINK messages, then NLMSG_DONE).</summary>
    public static byte[] DumpLinks(uint sequence)
    {
        var w = new NetlinkWriter(NetlinkConstants.RtmGetLink, NetlinkConstants.FRequest | NetlinkConstants.FDump, sequence);
        w.Body(IfInfoMsgLength);
        return w.ToArray();
    }
}
