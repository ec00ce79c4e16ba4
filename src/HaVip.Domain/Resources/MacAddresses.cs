using System.Globalization;
using System.Security.Cryptography;

namespace HaVip.Domain.Resources;

public static class MacAddresses
{
    /// <summary>A random unicast, locally administered MAC (first octet x2, x6, xA or xE), as 02:ab:cd:ef:01:23.</summary>
    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[6];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] = (byte)((bytes[0] & 0xFC) | 0x02);
        return Format(bytes);
    }

    public static string Format(ReadOnlySpan<byte> bytes) =>
        string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>Accepts aa:bb:cc:dd:ee:ff (either case, ':' or '-'); unicast only. Returns the canonical lowercase form.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null || text.Length != 17)
        {
            return null;
        }
        var parts = text.Split(':', '-');
        if (parts.Length != 6 || !parts.All(p => p.Length == 2 && byte.TryParse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }
        var bytes = parts.Select(p => byte.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        return (bytes[0] & 0x01) != 0 || bytes.All(b => b == 0) ? null : Format(bytes);
    }
}
