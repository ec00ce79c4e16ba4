using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace HaVip.Linux.Native;

/// <summary>Creates sockets with <c>socket(2)</c> and hands them to a managed <see cref="Socket"/>.</summary>
internal static class NativeSocket
{
    /// <summary>
    /// .NET refuses <c>new Socket(InterNetwork, Raw, 112)</c> before any system call, so the
    /// descriptor is made here and wrapped; the managed socket then works for send, receive and options.
    /// </summary>
    public static Socket Create(int domain, int protocol)
    {
        var fd = Libc.Socket(domain, LinuxConstants.SockRaw | LinuxConstants.SockCloexec, protocol);
        if (fd < 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"socket({domain}, SOCK_RAW, {protocol}) failed");
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    public static unsafe void Bind(Socket socket, ReadOnlySpan<byte> address)
    {
        fixed (byte* a = address)
        {
            if (Libc.Bind(socket.Handle, a, (uint)address.Length) != 0)
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "bind failed");
        }
    }

    public static unsafe void SendTo(Socket socket, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> address)
    {
        fixed (byte* p = payload)
        fixed (byte* a = address)
        {
            if (Libc.SendTo(socket.Handle, p, (nuint)payload.Length, 0, a, (uint)address.Length) < 0)
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "sendto failed");
        }
    }

    public static void SetInt(Socket socket, int level, int name, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(bytes, value);
        socket.SetRawSocketOption(level, name, bytes);
    }

    /// <summary>
    /// Attaches a classic BPF program (<c>SO_ATTACH_FILTER</c>): the kernel then queues only the
    /// frames it accepts, so the rest never cross into user space.
    /// </summary>
    public static unsafe void AttachFilter(Socket socket, ReadOnlySpan<SockFilter> program)
    {
        const int solSocket = 1;
        const int soAttachFilter = 26;
        fixed (SockFilter* instructions = program)
        {
            var fprog = new SockFprog { Length = (ushort)program.Length, Filter = instructions };
            socket.SetRawSocketOption(solSocket, soAttachFilter, new ReadOnlySpan<byte>(&fprog, sizeof(SockFprog)));
        }
    }

    private unsafe struct SockFprog
    {
        public ushort Length;
        public SockFilter* Filter;
    }
}

/// <summary>One classic BPF instruction (<c>struct sock_filter</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct SockFilter(ushort Code, byte JumpTrue, byte JumpFalse, uint K);
