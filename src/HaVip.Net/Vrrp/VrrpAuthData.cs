using System.Buffers.Binary;
using System.Text;

namespace HaVip.Net.Vrrp;

/// <summary>
/// The 8-byte v2 Authentication Data field, kept raw so decoding then encoding is byte-exact.
/// A simple password is its first 8 bytes, zero padded (keepalived truncates longer ones).
/// </summary>
/// <param name="Value">The eight bytes, first byte most significant.</param>
public readonly record struct VrrpAuthData(ulong Value)
{
    /// <summary>Length on the wire.</summary>
    public const int Length = 8;

    /// <summary>The field for a simple password, as keepalived fills it.</summary>
    public static VrrpAuthData FromPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        Span<byte> bytes = stackalloc byte[Length];
        bytes.Clear();
        var utf8 = Encoding.UTF8.GetBytes(password);
        utf8.AsSpan(0, Math.Min(utf8.Length, Length)).CopyTo(bytes);
        return Read(bytes);
    }

    /// <summary>Reads 8 bytes; the span must hold at least <see cref="Length"/>.</summary>
    public static VrrpAuthData Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt64BigEndian(source));

    /// <summary>Writes 8 bytes; the span must hold at least <see cref="Length"/>.</summary>
    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, Value);

    /// <summary>The field as a password: the bytes up to the first zero.</summary>
    public string ToPassword()
    {
        Span<byte> bytes = stackalloc byte[Length];
        Write(bytes);
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
