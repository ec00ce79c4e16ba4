using System.Buffers.Binary;
using System.Net.Sockets;

namespace HaVip.Linux.Netlink;

/// <summary>Pure encoders of the rtnetlink requests havipd sends (rtnetlink(7)); testable as bytes.</summary>
public static class RouteMessages
{
    private const int IfAddrMsgLength = 8;
    private const int RtMsgLength = 12;
    private const int IfInfoMsgLength = 16;
    private const int RtNextHopLength = 8;
    private const int FibRuleHdrLength = 12;
    private const byte RtScopeUniverse = 0;
    private const byte RtScopeLink = 253;

    /// <summary>
    /// RTM_NEWADDR (create, fail if present) or RTM_DELADDR with an ack requested, of the address's
    /// family. An IPv6 address is added as keepalived 2.2.7 adds a VIP (vrrp_ipaddress.c): with
    /// IFA_F_NODAD, usable at once and never stuck in dadfailed after a split brain, and with its
    /// preferred lifetime in IFA_CACHEINFO when one is given. IPv6 has no broadcast or label.
    /// </summary>
    public static byte[] Address(bool add, AddressSpec spec, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var flags = (ushort)(NetlinkConstants.FRequest | NetlinkConstants.FAck | (add ? NetlinkConstants.FCreate | NetlinkConstants.FExcl : 0));
        var w = new NetlinkWriter(add ? NetlinkConstants.RtmNewAddr : NetlinkConstants.RtmDelAddr, flags, sequence);
        var body = w.Body(IfAddrMsgLength);
        var ipv6 = NetlinkConstants.Family(spec.Address) == NetlinkConstants.AfInet6;
        body[0] = NetlinkConstants.Family(spec.Address);
        body[1] = (byte)spec.PrefixLength;
        body[2] = ipv6 && add ? NetlinkConstants.IfaFNoDad : (byte)0;
        body[3] = spec.Scope;
        BinaryPrimitives.WriteInt32LittleEndian(body[4..], spec.InterfaceIndex);
        w.Attribute(NetlinkConstants.IfaLocal, spec.Address);
        w.Attribute(NetlinkConstants.IfaAddress, spec.Address);
        if (ipv6)
        {
            if (add && spec.PreferredLifetime is { } preferred)
                CacheInfo(w, preferred);
            return w.ToArray();
        }

        if (spec.Broadcast is { } brd)
            w.Attribute(NetlinkConstants.IfaBroadcast, brd);
        if (spec.Label is { Length: > 0 } label)
            w.Attribute(NetlinkConstants.IfaLabel, label);
        return w.ToArray();
    }

    /// <summary><c>struct ifa_cacheinfo</c>: preferred and valid lifetime (the kernel sets the time stamps).</summary>
    private static void CacheInfo(NetlinkWriter w, uint preferred)
    {
        Span<byte> info = stackalloc byte[16];
        info.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(info, preferred);
        BinaryPrimitives.WriteUInt32LittleEndian(info[4..], NetlinkConstants.InfiniteLifetime);
        w.Attribute(NetlinkConstants.IfaCacheInfo, info);
    }

    /// <summary>RTM_NEWROUTE (create or replace) or RTM_DELROUTE with an ack requested, of the destination's family.</summary>
    public static byte[] Route(bool add, RouteSpec spec, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var flags = (ushort)(NetlinkConstants.FRequest | NetlinkConstants.FAck | (add ? NetlinkConstants.FCreate | NetlinkConstants.FReplace : 0));
        var w = new NetlinkWriter(add ? NetlinkConstants.RtmNewRoute : NetlinkConstants.RtmDelRoute, flags, sequence);
        var body = w.Body(RtMsgLength);
        body[0] = NetlinkConstants.Family(spec.Destination);
        body[1] = (byte)spec.PrefixLength;
        body[4] = spec.Table < 256 ? (byte)spec.Table : (byte)252; // RT_TABLE_COMPAT; RTA_TABLE carries the real id
        body[5] = NetlinkConstants.RtProtKeepalived;
        body[6] = spec.Scope ?? (spec.Gateway is null && spec.Hops.Count == 0 && spec.Type == 1 ? RtScopeLink : RtScopeUniverse);
        body[7] = spec.Type;
        w.Attribute(NetlinkConstants.RtaDst, spec.Destination);
        w.Attribute(NetlinkConstants.RtaTable, spec.Table);
        if (spec.Hops.Count > 0)
        {
            // The kernel refuses a top-level oif that differs from the first hop's: the hops say it all.
            Multipath(w, spec.Hops);
        }
        else
        {
            if (spec.Gateway is { } gw)
                w.Attribute(NetlinkConstants.RtaGateway, gw);
            if (spec.InterfaceIndex is { } oif)
                w.Attribute(NetlinkConstants.RtaOif, (uint)oif);
        }

        if (spec.PreferredSource is { } src)
            w.Attribute(NetlinkConstants.RtaPrefSrc, src);
        if (spec.Metric is { } metric)
            w.Attribute(NetlinkConstants.RtaPriority, metric);
        return w.ToArray();
    }

    /// <summary>RTA_MULTIPATH: one <c>struct rtnexthop</c> per hop (rtnh_hops is the weight less one), each followed by its gateway.</summary>
    private static void Multipath(NetlinkWriter w, IReadOnlyList<RouteHop> hops)
    {
        var multipath = w.BeginNested(NetlinkConstants.RtaMultipath);
        foreach (var hop in hops)
        {
            var start = w.Length;
            var header = w.Body(RtNextHopLength);
            header[2] = hop.OnLink ? NetlinkConstants.RtnhFOnlink : (byte)0;
            header[3] = (byte)(hop.Weight - 1);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], hop.InterfaceIndex ?? 0);
            if (hop.Gateway is { } gw)
                w.Attribute(NetlinkConstants.RtaGateway, gw);
            w.EndNested(start);
        }

        w.EndNested(multipath);
    }

    /// <summary>
    /// RTM_NEWRULE (create, fail if present) or RTM_DELRULE with an ack requested, in the rule's
    /// family's list (its addresses are 4 or 16 bytes); a table above 255 goes in FRA_TABLE, as
    /// ip-rule sends it.
    /// </summary>
    public static byte[] Rule(bool add, RuleSpec spec, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var flags = (ushort)(NetlinkConstants.FRequest | NetlinkConstants.FAck | (add ? NetlinkConstants.FCreate | NetlinkConstants.FExcl : 0));
        var w = new NetlinkWriter(add ? NetlinkConstants.RtmNewRule : NetlinkConstants.RtmDelRule, flags, sequence);
        var body = w.Body(FibRuleHdrLength);
        body[0] = spec.Family == AddressFamily.InterNetworkV6 ? (byte)NetlinkConstants.AfInet6 : (byte)NetlinkConstants.AfInet;
        body[1] = spec.To is null ? (byte)0 : (byte)spec.ToPrefix;
        body[2] = spec.From is null ? (byte)0 : (byte)spec.FromPrefix;
        body[3] = spec.Tos;
        var table = spec.Table == 0 ? NetlinkConstants.RtTableMain : spec.Table;
        if (spec.Action == NetlinkConstants.FrActToTable)
            body[4] = table < 256 ? (byte)table : (byte)0;
        body[7] = spec.Action;
        BinaryPrimitives.WriteUInt32LittleEndian(body[8..], spec.Invert ? NetlinkConstants.FibRuleInvert : 0);
        if (spec.Action == NetlinkConstants.FrActToTable && table >= 256)
            w.Attribute(NetlinkConstants.FraTable, table);
        RuleSelectors(w, spec);
        if (spec.Action == NetlinkConstants.FrActGoto)
            w.Attribute(NetlinkConstants.FraGoto, spec.GotoTarget);
        return w.ToArray();
    }

    private static void RuleSelectors(NetlinkWriter w, RuleSpec spec)
    {
        if (spec.From is { } from)
            w.Attribute(NetlinkConstants.FraSrc, from);
        if (spec.To is { } to)
            w.Attribute(NetlinkConstants.FraDst, to);
        if (spec.Priority is { } priority)
            w.Attribute(NetlinkConstants.FraPriority, priority);
        if (spec.FwMark is { } mark)
            w.Attribute(NetlinkConstants.FraFwMark, mark);
        if (spec.FwMask is { } mask)
            w.Attribute(NetlinkConstants.FraFwMask, mask);
        if (spec.InputInterface is { } iif)
            w.Attribute(NetlinkConstants.FraIifName, iif);
        if (spec.OutputInterface is { } oif)
            w.Attribute(NetlinkConstants.FraOifName, oif);
        if (spec.Protocol is { } protocol)
            w.Attribute(NetlinkConstants.FraProtocol, protocol);
    }

    /// <summary>RTM_GETLINK dump of every interface (answered by RTM_NEWLINK messages, then NLMSG_DONE).</summary>
    public static byte[] DumpLinks(uint sequence)
    {
        var w = new NetlinkWriter(NetlinkConstants.RtmGetLink, NetlinkConstants.FRequest | NetlinkConstants.FDump, sequence);
        w.Body(IfInfoMsgLength);
        return w.ToArray();
    }
}
