namespace HaVip.Linux.Netlink;

/// <summary>The kernel refused a netlink request; <see cref="Errno"/> is the positive errno.</summary>
public sealed class NetlinkException(int errno, string message) : Exception($"{message}: errno {errno}")
{
    public const int EExist = 17;
    public const int ENoDev = 19;
    public const int ENoEnt = 2;
    public const int ESrch = 3;
    public const int EAddrNotAvail = 99;

    public int Errno { get; } = errno;
}
