using System.Globalization;

namespace HaVip.Vrrp.Tracking;

/// <summary>
/// What keepalived reads from a track_file (track_file.c): <c>strtol(text, NULL, 0)</c> of the
/// first 127 bytes, so leading blanks and a sign, then decimal, <c>0x</c> hex or leading-0 octal,
/// anything after the digits ignored, no digits at all 0; a missing or empty file is 0.
/// </summary>
public static class TrackFileValue
{
    private const int MaxRead = 127;

    /// <summary>The number, or null when it is outside int (keepalived logs "Invalid number" and keeps the last value).</summary>
    public static int? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.AsSpan(0, Math.Min(text.Length, MaxRead)).TrimStart(" \t\n\v\f\r");
        var negative = s.Length > 0 && s[0] == '-';
        if (s.Length > 0 && s[0] is '-' or '+')
            s = s[1..];
        var radix = Radix(s);
        s = s[(radix == 16 ? 2 : 0)..];
        long value = 0;
        for (var i = 0; i < s.Length && Digit(s[i], radix) is var d && d >= 0; i++)
        {
            value = (value * radix) + d;
            if (value > 1L + int.MaxValue)
                return null;
        }

        value = negative ? -value : value;
        return value is < int.MinValue or > int.MaxValue ? null : (int)value;
    }

    /// <summary>strtol's base 0: <c>0x</c> followed by a hex digit is hex, another leading 0 octal.</summary>
    private static int Radix(ReadOnlySpan<char> s)
    {
        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X' && Digit(s[2], 16) >= 0)
            return 16;
        return s.Length > 1 && s[0] == '0' ? 8 : 10;
    }

    private static int Digit(char c, int radix)
    {
        var d = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'z' => c - 'a' + 10,
            >= 'A' and <= 'Z' => c - 'A' + 10,
            _ => -1,
        };
        return d < radix ? d : -1;
    }

    /// <summary>The text of <paramref name="value"/> as init_file writes it.</summary>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture) + "\n";
}
