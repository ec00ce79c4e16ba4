using System.Runtime.InteropServices;

namespace HaVip.Linux.Native;

/// <summary>
/// The few libc calls .NET does not expose: <c>socket(2)</c> for families and protocols the
/// managed <see cref="System.Net.Sockets.Socket"/> constructor refuses (raw IPPROTO_VRRP), and
/// <c>bind(2)</c>/<c>sendto(2)</c> with hand-encoded socket addresses (sockaddr_ll, sockaddr_nl),
/// <c>sendmsg(2)</c>/<c>recvmsg(2)</c> with ancillary data (a raw IPv6 socket's source address and
/// hop limit), and <c>mmap(2)</c>/<c>poll(2)</c> for a packet ring.
/// </summary>
internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(nint fd, byte* address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint IfNameToIndex(string name);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MakeFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(void* fds, nuint count, int timeoutMs);

    internal const int ProtRead = 0x1;
    internal const int ProtWrite = 0x2;
    internal const int MapShared = 0x01;

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    internal static partial nint SendMessage(nint fd, MessageHeader* message, int flags);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    internal static partial nint ReceiveMessage(nint fd, MessageHeader* message, int flags);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static partial nint SendTo(nint fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);

    /// <summary><c>struct msghdr</c> (sendmsg(2)); sequential layout gives the C padding on 64-bit Linux.</summary>
    internal struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary><c>struct iovec</c>.</summary>
    internal struct IoVector
    {
        public void* Base;
        public nuint Length;
    }
}
