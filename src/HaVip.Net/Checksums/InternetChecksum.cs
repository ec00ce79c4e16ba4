using System.Buffers.Binary;

namespace HaVip.Net.Checksums;

/// <summary>
/// The Internet checksum of RFC 1071: the ones' complement of the ones' complement sum of
/// big-endian 16-bit words, an odd trailing byte padded with zero. Used by IPv4 headers and
/// VRRP. Sums are kept in 32 bits and folded at the end (RFC 1071 §2 (B), deferred carries).
/// </summary>
public static class InternetChecksum
{
    /// <summary>The checksum to store in a header whose checksum field is zero while summed.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>True when the data, checksum field included, sums to all ones (RFC 1071 §1).</summary>
    public static bool IsValid(ReadOnlySpan<byte> data) => Finish(Add(0, data)) == 0;

    /// <summary>Adds data to a running sum; every part but the last must have even length.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        // A ulong accumulator cannot overflow for any span a process can hold.
        for (; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (ulong)data[i] << 8;
        return sum;
    }

    /// <summary>Adds one 16-bit word (a pseudo-header field) to a running sum.</summary>
    public static ulong Add(ulong sum, ushort word) => sum + word;

    /// <summary>Folds the carries back in and complements, giving the field value.</summary>
    public static ushort Finish(ulong sum)
    {
        while (sum >> 16 != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
