using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Domain.Addressing;

/// <summary>
/// An IPv6 address as a 128-bit number, so that prefix math is plain arithmetic. Written in the
/// RFC 5952 form (lower case, longest zero run compressed): one address, one spelling.
/// </summary>
public readonly record struct Ipv6(UInt128 Value) : IComparable<Ipv6>
{
    /// <summary>
    /// Accepts the textual forms of RFC 4291 §2.2 without a zone (<c>%eth0</c>) and without an
    /// embedded IPv4 dotted quad: an API address names one interface-independent unicast address.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ipv6 address)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text) || !text.Contains(':', StringComparison.Ordinal) || text.Any(c => !char.IsAsciiHexDigit(c) && c != ':'))
        {
            return false;
        }
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        address = new Ipv6(BinaryPrimitives.ReadUInt128BigEndian(bytes));
        return true;
    }

    public Ipv6 Add(UInt128 offset) => new(Value + offset);

    /// <summary>The low 64 bits: the interface identifier within a /64.</summary>
    public ulong InterfaceId => (ulong)(Value & ulong.MaxValue);

    public bool IsLinkLocal => Value >> 118 == 0x3FA; // fe80::/10

    public bool IsMulticast => Value >> 120 == 0xFF; // ff00::/8

    public int CompareTo(Ipv6 other) => Value.CompareTo(other.Value);

    public static bool operator <(Ipv6 left, Ipv6 right) => left.Value < right.Value;

    public static bool operator >(Ipv6 left, Ipv6 right) => left.Value > right.Value;

    public static bool operator <=(Ipv6 left, Ipv6 right) => left.Value <= right.Value;

    public static bool operator >=(Ipv6 left, Ipv6 right) => left.Value >= right.Value;

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new IPAddress(bytes).ToString();
    }
}
