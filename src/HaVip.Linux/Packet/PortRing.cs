using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using HaVip.Linux.Native;

namespace HaVip.Linux.Packet;

/// <summary>The frame and the index of the interface it came in on; valid only during the call.</summary>
public delegate void FrameHandler(ReadOnlySpan<byte> frame, int interfaceIndex);

/// <summary>
/// The agent's capture of every interface of the namespace, with the same kernel filter as
/// <see cref="PortCapture"/>, read from a TPACKET_V3 ring (packet(7), PACKET_RX_RING) instead of
/// a receive per frame. The kernel fills blocks of frames in memory shared with the reader and
/// hands a block over when it is full or <c>retire</c> after its first frame; the reader walks
/// the block's frames without a system call and gives the block back. On this VM a system call
/// (the receive, and before it the wake-up) cost more than the frame's decoding
/// (docs/benchmarks.md), so 1,000 frames a second cost about a hundred hand-overs, not 1,000 receives.
/// </summary>
public sealed unsafe class PortRing : IDisposable
{
    // linux/if_packet.h
    private const int SolPacket = 263;
    private const int PacketRxRing = 5;
    private const int PacketVersion = 10;
    private const int TpacketV3 = 2;
    private const uint TpStatusKernel = 0;
    private const uint TpStatusUser = 1;

    // struct tpacket_block_desc: version, offset_to_priv, then tpacket_hdr_v1's block_status,
    // num_pkts, offset_to_first_pkt.
    private const int BlockStatusOffset = 8;
    private const int BlockPacketsOffset = 12;
    private const int BlockFirstOffset = 16;

    // struct tpacket3_hdr (48 bytes): tp_next_offset, …, tp_snaplen at 12, tp_mac at 24; the
    // sockaddr_ll follows at TPACKET_ALIGN(48) = 48, its ifindex 4 bytes in.
    private const int NextOffset = 0;
    private const int SnapLengthOffset = 12;
    private const int MacOffset = 24;
    private const int InterfaceIndexOffset = 48 + 4;

    private const int BlockSize = 128 << 10;
    private const int BlockCount = 32;
    private const int FrameSize = 2048;

    private const short PollIn = 0x1;
    private const short PollErr = 0x8;

    private readonly Socket _socket;
    private readonly byte* _ring;
    private readonly int _wakeEveryMs;
    private int _current;

    private PortRing(Socket socket, byte* ring, int wakeEveryMs)
    {
        _socket = socket;
        _ring = ring;
        _wakeEveryMs = wakeEveryMs;
    }

    /// <summary>
    /// Every interface of the calling thread's namespace. A block is handed over at most
    /// <paramref name="retire"/> after its first frame (so a frame is read at most that late);
    /// <see cref="Read"/> returns empty-handed every <paramref name="wakeEvery"/> so a reader can stop.
    /// </summary>
    public static PortRing OpenAll(TimeSpan retire, TimeSpan wakeEvery)
    {
        var socket = PortCapture.OpenSocket(0, beforeBind: s =>
        {
            // The version and the ring before bind: frames are queued into the ring from the start.
            NativeSocket.SetInt(s, SolPacket, PacketVersion, TpacketV3);
            Span<uint> request =
            [
                BlockSize, BlockCount, FrameSize, BlockSize / FrameSize * BlockCount,
                (uint)Math.Max(1, retire.TotalMilliseconds), 0, 0,
            ];
            s.SetRawSocketOption(SolPacket, PacketRxRing, MemoryMarshal.AsBytes(request));
        });
        var ring = Libc.Mmap(0, (nuint)(BlockSize * BlockCount), Libc.ProtRead | Libc.ProtWrite, Libc.MapShared, (int)socket.Handle, 0);
        if (ring == -1)
        {
            var error = Marshal.GetLastPInvokeError();
            socket.Dispose();
            throw new Win32Exception(error, "mmap of the packet ring failed");
        }
        return new PortRing(socket, (byte*)ring, (int)wakeEvery.TotalMilliseconds);
    }

    /// <summary>
    /// Waits (blocking the calling thread) for the next block of frames, up to the wake-up period,
    /// and calls <paramref name="handler"/> for each of its frames, in the order they came; the
    /// number of frames, 0 when the wait ended first. One reader at a time.
    /// </summary>
    public int Read(FrameHandler handler)
    {
        var block = _ring + ((long)_current * BlockSize);
        var status = (uint*)(block + BlockStatusOffset);
        if ((Volatile.Read(ref *status) & TpStatusUser) == 0)
        {
            var poll = new PollFd { Fd = (int)_socket.Handle, Events = PollIn | PollErr };
            // An interrupted or timed-out wait is the same as an empty one: the caller comes back.
            _ = Libc.Poll(&poll, 1, _wakeEveryMs);
            if ((Volatile.Read(ref *status) & TpStatusUser) == 0)
            {
                return 0;
            }
        }
        var count = *(uint*)(block + BlockPacketsOffset);
        var packet = block + *(uint*)(block + BlockFirstOffset);
        for (var i = 0; i < count; i++)
        {
            var frame = new ReadOnlySpan<byte>(packet + *(ushort*)(packet + MacOffset), (int)*(uint*)(packet + SnapLengthOffset));
            handler(frame, *(int*)(packet + InterfaceIndexOffset));
            packet += *(uint*)(packet + NextOffset);
        }
        // Back to the kernel only after the last frame is read: it may refill the block at once.
        Volatile.Write(ref *status, TpStatusKernel);
        _current = (_current + 1) % BlockCount;
        return (int)count;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _ = Libc.Munmap((nint)_ring, (nuint)(BlockSize * BlockCount));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
