using System.Globalization;
using System.Net.Sockets;

namespace HaVip.Vrrp.Config;

/// <summary>
/// <c>use_vmac [NAME]</c> and <c>vmac_xmit_base</c>: a macvlan named <paramref name="Name"/>
/// (default <c>vrrp.VRID</c>) on the instance's interface, MAC 00:00:5e:00:01:VRID (IPv6:
/// 00:00:5e:00:02:VRID), holding the VIPs; adverts leave from it, or from the base interface
/// with <paramref name="TransmitFromBase"/>.
/// </summary>
public sealed record VmacConfig(string Name, bool TransmitFromBase)
{
    /// <summary>IFNAMSIZ less its NUL.</summary>
    internal const int MaxName = 15;

    /// <summary>
    /// keepalived 2.2.7's name for a VMAC it names itself (vrrp.c, create_vmac_name): PREFIX.VRID,
    /// else PREFIXn.VRID for n = 1, 2, ... (IPv6: 6 first, then 1, 2, ... skipping 6), the first
    /// that <paramref name="taken"/> does not hold; a long prefix is cut to fit IFNAMSIZ.
    /// </summary>
    public static string FreeName(string prefix, int virtualRouterId, AddressFamily family, Func<string, bool> taken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(taken);
        var ipv6 = family == AddressFamily.InterNetworkV6;
        for (var n = 0; ; n = Next(n, ipv6))
        {
            var suffix = (n == 0 ? "" : n.ToString(CultureInfo.InvariantCulture)) + "." + virtualRouterId.ToString(CultureInfo.InvariantCulture);
            var name = prefix[..Math.Min(prefix.Length, MaxName - suffix.Length)] + suffix;
            if (!taken(name))
                return name;
        }
    }

    private static int Next(int n, bool ipv6) => !ipv6 ? n + 1 : n switch
    {
        0 => 6,
        6 => 1,
        5 => 7,
        _ => n + 1,
    };
}
