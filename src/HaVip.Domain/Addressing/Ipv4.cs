using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Domain.Addressing;

/// <summary>An IPv4 address as a 32-bit number, so that subnet math is plain arithmetic.</summary>
public readonly record struct Ipv4(uint Value) : IComparable<Ipv4>
{
    public static bool TryParse([NotNullWhen(true)] string? text, out Ipv4 address)
    {
        address = default;
        // IPAddress.TryParse accepts "1", "1.2" and hex forms; a cloud API wants dotted quads only.
        if (string.IsNullOrWhiteSpace(text) || text.Count(c => c == '.') != 3 || text.Any(c => c is not (>= '0' and <= '9' or '.')))
        {
            return false;
        }
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        if (text.Split('.').Any(p => p.Length == 0 || p.Length > 3 || (p.Length > 1 && p[0] == '0')))
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[4];
        ip.TryWriteBytes(bytes, out _);
        address = new Ipv4((uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]));
        return true;
    }

    public Ipv4 Add(long offset) => new((uint)(Value + offset));

    public int CompareTo(Ipv4 other) => Value.CompareTo(other.Value);

    public static bool operator <(Ipv4 left, Ipv4 right) => left.Value < right.Value;

    public static bool operator >(Ipv4 left, Ipv4 right) => left.Value > right.Value;

    public static bool operator <=(Ipv4 left, Ipv4 right) => left.Value <= right.Value;

    public static bool operator >=(Ipv4 left, Ipv4 right) => left.Value >= right.Value;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}");
}
