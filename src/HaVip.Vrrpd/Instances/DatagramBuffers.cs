using System.Collections.Concurrent;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// The buffers received datagrams travel in: an interface's receive thread reads into a buffer of
/// its own, copies the datagram into one of these and posts it to the <see cref="InstanceLoop"/>,
/// which hands it back here once handled. ArrayPool's shared pool kept few of them across the two
/// threads: the Native AOT build allocated a new 2 KB array for nearly every advert received
/// (0.75 MB/s at 1,000 instances, docs/benchmarks.md), which is what kept the collector busy and
/// the heap growing.
/// <para>
/// Two sizes: an advert is small (40 bytes for VRRPv2 with one IPv4 address, 64 for VRRPv3 with
/// one IPv6 one), and the free list fills up to the most datagrams ever queued at once, which at
/// 1,000 instances was its whole <see cref="MaxKept"/>: 502 buffers of 2 KB, a quarter of the live
/// heap (docs/benchmarks.md), for datagrams of 40 bytes. So datagrams up to
/// <see cref="SmallSize"/> travel in buffers of that size, and only larger ones in buffers of the
/// large size, of which fewer are kept.
/// </para>
/// </summary>
internal sealed class DatagramBuffers(int largeSize)
{
    /// <summary>
    /// Length of the buffers of datagrams up to it: IPv4 adverts with up to 23 addresses (VRRPv2
    /// with a password), IPv6 ones with up to 5.
    /// </summary>
    public const int SmallSize = 128;

    /// <summary>Small buffers kept: enough for every advert of 1,000 instances queued at once at 1 s, with room.</summary>
    public const int MaxKept = 512;

    /// <summary>Large buffers kept: datagrams over <see cref="SmallSize"/> are rare (many addresses).</summary>
    public const int MaxKeptLarge = 32;

    private readonly Pool _small = new(SmallSize, MaxKept);
    private readonly Pool _large = new(Math.Max(largeSize, SmallSize), MaxKeptLarge);

    /// <summary>Length of the buffers of datagrams over <see cref="SmallSize"/>: the largest datagram taken.</summary>
    public int LargeSize => _large.Size;

    /// <summary>Small buffers waiting to be handed out again.</summary>
    public int Kept => _small.Kept;

    /// <summary>Large buffers waiting to be handed out again.</summary>
    public int KeptLarge => _large.Kept;

    /// <summary>A buffer for a datagram of <paramref name="length"/> bytes: small or large, never shorter than it.</summary>
    public byte[] Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, LargeSize);
        return (length <= SmallSize ? _small : _large).Rent();
    }

    /// <summary>Takes back a buffer of either size (any other is left to the collector).</summary>
    public void Return(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length == SmallSize)
            _small.Return(buffer);
        else if (buffer.Length == _large.Size)
            _large.Return(buffer);
    }

    private sealed class Pool(int size, int maxKept)
    {
        private readonly ConcurrentQueue<byte[]> _free = new();
        private int _kept;

        public int Size => size;

        public int Kept => Volatile.Read(ref _kept);

        public byte[] Rent()
        {
            if (!_free.TryDequeue(out var buffer))
                return new byte[size];
            Interlocked.Decrement(ref _kept);
            return buffer;
        }

        public void Return(byte[] buffer)
        {
            if (Interlocked.Increment(ref _kept) > maxKept)
            {
                Interlocked.Decrement(ref _kept);
                return;
            }

            _free.Enqueue(buffer);
        }
    }
}
