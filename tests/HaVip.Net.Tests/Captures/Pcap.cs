using System.Buffers.Binary;

namespace HaVip.Net.Tests.Captures;

/// <summary>
/// A minimal reader for classic libpcap files (tcpdump -w), enough for the captures here:
/// microsecond or nanosecond magic, either byte order, link type Ethernet.
/// </summary>
internal static class Pcap
{
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private const uint LinkTypeEthernet = 1;

    /// <summary>The frames of a capture file next to the test assembly.</summary>
    public static IReadOnlyList<byte[]> ReadFrames(string fileName) =>
        Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Captures", fileName)));

    public static IReadOnlyList<byte[]> Parse(ReadOnlySpan<byte> file)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        var littleEndian = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        if (!littleEndian && BinaryPrimitives.ReadUInt32BigEndian(file) is not (0xA1B2C3D4 or 0xA1B23C4D))
            throw new InvalidDataException("Not a pcap file.");
        uint Read32(ReadOnlySpan<byte> s) =>
            littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        if (Read32(file[20..]) != LinkTypeEthernet)
            throw new InvalidDataException("Only link type Ethernet is supported.");
        var frames = new List<byte[]>();
        for (var offset = GlobalHeaderLength; offset < file.Length;)
        {
            var captured = (int)Read32(file[(offset + 8)..]);
            offset += RecordHeaderLength;
            frames.Add(file.Slice(offset, captured).ToArray());
            offset += captured;
        }
        return frames;
    }
}
