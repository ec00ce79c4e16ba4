using System.Collections.Concurrent;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// The buffers received datagrams travel in: an interface's receive thread fills one and posts it
/// to the <see cref="InstanceLoop"/>, which hands it back here once handled. ArrayPool's shared
/// pool kept few of them across the two threads: the Native AOT build allocated a new 2 KB array
/// for nearly every advert received (0.75 MB/s at 1,000 instances, docs/benchmarks.md), which is
/// what kept the collector busy and the heap growing. At most <see cref="MaxKept"/> wait here; a
/// burst beyond that leaves the rest to the collector.
/// </summary>
internal sealed class DatagramBuffers(int size)
{
    /// <summary>Enough for every advert of 1,000 instances queued at once at 1 s, with room.</summary>
    public const int MaxKept = 512;

    private readonly ConcurrentQueue<byte[]> _free = new();
    private int _kept;

    /// <summary>Length of every buffer handed out.</summary>
    public int Size => size;

    /// <summary>Buffers waiting to be handed out again.</summary>
    public int Kept => Volatile.Read(ref _kept);

    public byte[] Rent()
    {
        if (!_free.TryDequeue(out var buffer))
            return new byte[size];
        Interlocked.Decrement(ref _kept);
        return buffer;
    }

    /// <summary>Takes back a buffer of <see cref="Size"/> (any other is left to the collector).</summary>
    public void Return(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length != size || Interlocked.Increment(ref _kept) > MaxKept)
        {
            if (buffer.Length == size)
                Interlocked.Decrement(ref _kept);
            return;
        }

        _free.Enqueue(buffer);
    }
}
