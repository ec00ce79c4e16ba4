using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace HaVip.Linux.Netlink;

/// <summary>
/// Builds one netlink message: the 16-byte <c>nlmsghdr</c>, a fixed family header, then
/// <c>rtattr</c> attributes, each padded to 4 bytes (NLMSG_ALIGN / RTA_ALIGN).
/// </summary>
internal sealed class NetlinkWriter
{
    private readonly byte[] _buffer = new byte[512];
    private int _length = NetlinkConstants.HeaderLength;

    public NetlinkWriter(ushort type, ushort flags, uint sequence)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(8), sequence);
    }

    /// <summary>Reserves the family header (ifaddrmsg, rtmsg, ifinfomsg) for the caller to fill.</summary>
    public Span<byte> Body(int length)
    {
        var body = _buffer.AsSpan(_length, length);
        _length += Align(length);
        return body;
    }

    public void Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        var span = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        value.CopyTo(span[4..]);
        _length += Align(4 + value.Length);
    }

    public void Attribute(ushort type, byte value) => Attribute(type, [value]);

    public void Attribute(ushort type, IPAddress address) => Attribute(type, address.GetAddressBytes());

    public void Attribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Attribute(type, bytes);
    }

    /// <summary>A NUL-terminated string attribute, as the kernel expects for names and labels.</summary>
    public void Attribute(ushort type, string value) => Attribute(type, Encoding.ASCII.GetBytes(value + "\0"));

    /// <summary>Bytes written so far: where a struct with a length of its own (rtnexthop) starts, for <see cref="EndNested"/>.</summary>
    public int Length => _length;

    /// <summary>Opens a nested attribute (IFLA_LINKINFO, IFLA_INFO_DATA); returns its offset for <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start + 2), type);
        _length += 4;
        return start;
    }

    /// <summary>Closes a nested attribute: its length covers everything written since <see cref="BeginNested"/>.</summary>
    public void EndNested(int start) => BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), (ushort)(_length - start));

    public byte[] ToArray()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        return _buffer.AsSpan(0, _length).ToArray();
    }

    public static int Align(int length) => (length + 3) & ~3;
}
