namespace HaVip.Linux.Native;

/// <summary>Values from the Linux UAPI headers (socket.h, in.h, if_ether.h, netlink.h).</summary>
internal static class LinuxConstants
{
    public const int AfInet = 2;
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

    public const ushort EthPArp = 0x0806;

    public const int NetlinkRoute = 0;
    public const int SolNetlink = 270;
    public const int NetlinkAddMembership = 1;
    public const int RtnlGroupLink = 1;
}
