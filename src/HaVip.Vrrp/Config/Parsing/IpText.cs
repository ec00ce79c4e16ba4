using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// Strict address parsing: <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone accepts
/// "10" or "1.2.3" as IPv4, which inet_pton (and so keepalived) rejects.
/// </summary>
internal static class IpText
{
    public static bool TryParse(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':'))
            return IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;

        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)))
            return false;
        return IPAddress.TryParse(text, out address!);
    }

    /// <summary><c>addr</c> or <c>addr/len</c>; without a length the host length (32 or 128) is used.</summary>
    public static bool TryParsePrefix(string text, out IPAddress address, out int prefix, out bool badLength)
    {
        badLength = false;
        prefix = 0;
        var slash = text.IndexOf('/');
        if (!TryParse(slash < 0 ? text : text[..slash], out address))
            return false;

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            prefix = max;
            return true;
        }

        badLength = !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max;
        return !badLength;
    }
}
