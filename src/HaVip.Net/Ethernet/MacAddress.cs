using System.Buffers.Binary;
using System.Globalization;
using System.Net.NetworkInformation;

namespace HaVip.Net.Ethernet;

/// <summary>
/// A 48-bit IEEE 802 MAC address as a value (PhysicalAddress is a mutable-array class with
/// reference-ish semantics, awkward inside record structs). Stored in the low 48 bits.
/// </summary>
public readonly record struct MacAddress
{
    /// <summary>Length on the wire.</summary>
    public const int Length = 6;

    private const ulong Mask = 0xFFFF_FFFF_FFFF;

    private readonly ulong _value;

    private MacAddress(ulong value) => _value = value & Mask;

    /// <summary>00:00:00:00:00:00.</summary>
    public static MacAddress Zero => default;

    /// <summary>ff:ff:ff:ff:ff:ff.</summary>
    public static MacAddress Broadcast => new(Mask);

    /// <summary>The address as a number, first octet most significant.</summary>
    public ulong Value => _value;

    /// <summary>Group bit (I/G) of the first octet: multicast or broadcast.</summary>
    public bool IsMulticast => (_value >> 40 & 1) != 0;

    /// <summary>From the low 48 bits of a number, first octet most significant.</summary>
    public static MacAddress FromValue(ulong value) => new(value);

    /// <summary>Reads six bytes; the span must hold at least <see cref="Length"/>.</summary>
    public static MacAddress Read(ReadOnlySpan<byte> source)
    {
        Span<byte> buffer = stackalloc byte[8];
        buffer.Clear();
        source[..Length].CopyTo(buffer[2..]);
        return new(BinaryPrimitives.ReadUInt64BigEndian(buffer));
    }

    /// <summary>The virtual router MAC of RFC 5798 §7.3: 00-00-5E-00-01-{VRID} (IPv4).</summary>
    public static MacAddress VrrpIPv4(byte virtualRouterId) => new(0x00005E000100UL | virtualRouterId);

    /// <summary>The virtual router MAC of RFC 5798 §7.3: 00-00-5E-00-02-{VRID} (IPv6).</summary>
    public static MacAddress VrrpIPv6(byte virtualRouterId) => new(0x00005E000200UL | virtualRouterId);

    /// <summary>From a PhysicalAddress of exactly six bytes.</summary>
    public static MacAddress FromPhysicalAddress(PhysicalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        if (bytes.Length != Length)
            throw new ArgumentException("A MAC address has six bytes.", nameof(address));
        return Read(bytes);
    }

    /// <summary>Parses "02:48:56:00:00:0e" or "02-48-56-00-00-0E".</summary>
    public static bool TryParse(string? text, out MacAddress address)
    {
        address = default;
        if (text is null || text.Length != 17)
            return false;
        ulong value = 0;
        for (var i = 0; i < Length; i++)
        {
            if (i > 0 && text[(i * 3) - 1] is not (':' or '-'))
                return false;
            if (!byte.TryParse(text.AsSpan(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var octet))
                return false;
            value = value << 8 | octet;
        }
        address = new(value);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>, throwing FormatException on bad text.</summary>
    public static MacAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not a MAC address.");

    /// <summary>Writes six bytes; the span must hold at least <see cref="Length"/>.</summary>
    public void Write(Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, _value);
        buffer[2..].CopyTo(destination[..Length]);
    }

    /// <summary>As a PhysicalAddress, for APIs of System.Net.NetworkInformation.</summary>
    public PhysicalAddress ToPhysicalAddress()
    {
        var bytes = new byte[Length];
        Write(bytes);
        return new PhysicalAddress(bytes);
    }

    /// <summary>Lower-case, colon separated, as iproute2 and keepalived print it.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        Write(bytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}:{bytes[3]:x2}:{bytes[4]:x2}:{bytes[5]:x2}");
    }
}
