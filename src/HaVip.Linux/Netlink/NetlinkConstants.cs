namespace HaVip.Linux.Netlink;

/// <summary>Values from linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h and linux/if_link.h.</summary>
internal static class NetlinkConstants
{
    public const int HeaderLength = 16;

    // nlmsg_type
    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;
    public const ushort RtmNewLink = 16;
    public const ushort RtmDelLink = 17;
    public const ushort RtmGetLink = 18;
    public const ushort RtmNewAddr = 20;
    public const ushort RtmDelAddr = 21;
    public const ushort RtmNewRoute = 24;
    public const ushort RtmDelRoute = 25;
    public const ushort RtmNewRule = 32;
    public const ushort RtmDelRule = 33;

    // nlmsg_flags
    public const ushort FRequest = 0x1;
    public const ushort FMulti = 0x2;
    public const ushort FAck = 0x4;
    public const ushort FReplace = 0x100;
    public const ushort FExcl = 0x200;
    public const ushort FCreate = 0x400;
    public const ushort FDump = 0x300;

    // IFA_* attributes of ifaddrmsg
    public const ushort IfaAddress = 1;
    public const ushort IfaLocal = 2;
    public const ushort IfaLabel = 3;
    public const ushort IfaBroadcast = 4;
    public const ushort IfaCacheInfo = 6;

    // ifa_flags of ifaddrmsg
    public const byte IfaFNoDad = 0x02;

    /// <summary>INFINITY_LIFE_TIME: a lifetime that never runs out.</summary>
    public const uint InfiniteLifetime = 0xFFFF_FFFF;

    // RTA_* attributes of rtmsg
    public const ushort RtaDst = 1;
    public const ushort RtaOif = 4;
    public const ushort RtaGateway = 5;
    public const ushort RtaPriority = 6;
    public const ushort RtaPrefSrc = 7;
    public const ushort RtaMultipath = 9;
    public const ushort RtaTable = 15;

    // struct rtnexthop flags
    public const byte RtnhFOnlink = 4;

    // FRA_* attributes of fib_rule_hdr (linux/fib_rules.h)
    public const ushort FraDst = 1;
    public const ushort FraSrc = 2;
    public const ushort FraIifName = 3;
    public const ushort FraGoto = 4;
    public const ushort FraPriority = 6;
    public const ushort FraFwMark = 10;
    public const ushort FraTable = 15;
    public const ushort FraFwMask = 16;
    public const ushort FraOifName = 17;
    public const ushort FraProtocol = 21;

    public const uint FibRuleInvert = 2;
    public const byte FrActToTable = 1;
    public const byte FrActGoto = 2;

    // IFLA_* attributes of ifinfomsg
    public const ushort IflaAddress = 1;
    public const ushort IflaIfName = 3;

    public const byte RtTableMain = 254;

    /// <summary>RTPROT_KEEPALIVED: routes we add are tagged like keepalived's, so `ip route` shows their owner.</summary>
    public const byte RtProtKeepalived = 18;

    public const int AfInet = 2;
    public const int AfInet6 = 10;

    /// <summary>The AF_* of <paramref name="address"/>: requests take their family from the addresses they carry.</summary>
    public static byte Family(System.Net.IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (byte)AfInet6 : (byte)AfInet;
}
