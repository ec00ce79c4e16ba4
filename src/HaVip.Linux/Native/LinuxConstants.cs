namespace HaVip.Linux.Native;

/// <summary>Values from the Linux UAPI headers (socket.h, in.h, in6.h, if_ether.h, netlink.h).</summary>
internal static class LinuxConstants
{
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int AfNetlink = 16;
    public const int AfPacket = 17;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;

    public const int SolSocket = 1;
    public const int SoBindToDevice = 25;
    public const int SoRcvBuf = 8;
    public const int SoRcvBufForce = 33;

    public const int IpProtoIp = 0;
    public const int IpHdrIncl = 3;
    public const int IpTtl = 2;
    public const int IpMulticastIf = 32;
    public const int IpMulticastTtl = 33;
    public const int IpMulticastLoop = 34;
    public const int IpAddMembership = 35;

    public const int IpProtoIpv6 = 41;
    public const int Ipv6UnicastHops = 16;
    public const int Ipv6MulticastIf = 17;
    public const int Ipv6MulticastHops = 18;
    public const int Ipv6MulticastLoop = 19;
    public const int Ipv6AddMembership = 20;
    public const int Ipv6RecvPktInfo = 49;
    public const int Ipv6PktInfo = 50;
    public const int Ipv6RecvHopLimit = 51;
    public const int Ipv6HopLimit = 52;
    public const int Ipv6TrafficClass = 67;

    public const int MsgDontWait = 0x40;
    public const int EAgain = 11;
    public const int EIntr = 4;

    public const ushort EthPArp = 0x0806;

    public const int NetlinkRoute = 0;
    public const int SolNetlink = 270;
    public const int NetlinkAddMembership = 1;
    public const int RtnlGroupLink = 1;
}
