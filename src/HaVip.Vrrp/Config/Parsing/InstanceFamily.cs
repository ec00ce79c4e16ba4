using System.Net;
using System.Net.Sockets;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// An instance's address family, as keepalived 2.2.7 decides it while parsing (vrrp_parser.c):
/// the first of <c>native_ipv6</c>, <c>unicast_src_ip</c>, <c>unicast_peer</c> and
/// <c>virtual_ipaddress</c> fixes it; a later address of the other family is a configuration
/// error and is skipped; an IPv6 instance is VRRPv3 (RFC 5798 is the only VRRP for IPv6).
/// </summary>
internal static class InstanceFamily
{
    /// <summary>True when <paramref name="address"/> is of the instance's family, deciding it if still open.</summary>
    public static bool Admit(VrrpInstanceConfig i, IPAddress address, SourcePosition at, string what, ParseContext c)
    {
        if (Claim(i, address.AddressFamily))
            return true;
        c.Error(at, DiagnosticCodes.AddressFamilyMismatch,
            $"{what} {address} is not of the address family of vrrp_instance '{i.Name}' ({Name(i.Family)}): ignored");
        return false;
    }

    public static void ReadNativeIpv6(Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 0);
        if (!Claim(i, AddressFamily.InterNetworkV6))
            c.Error(s.Position, DiagnosticCodes.AddressFamilyMismatch, $"native_ipv6: vrrp_instance '{i.Name}' is already IPv4 (ignored)");
    }

    /// <summary>keepalived refuses <c>version 2</c> once the instance is known to be IPv6; before that, it is overridden at the end.</summary>
    public static bool AllowsVersion(Statement s, VrrpInstanceConfig i, VrrpVersion version, ParseContext c)
    {
        if (version != VrrpVersion.V2 || !i.FamilyDecided || i.Family != AddressFamily.InterNetworkV6)
            return true;
        c.Error(s.Position, DiagnosticCodes.InvalidVersion, $"version 2 conflicts with vrrp_instance '{i.Name}', which is IPv6 and so VRRPv3 (ignored)");
        return false;
    }

    /// <summary>VRRPv3 for IPv6 (RFC 5798 is the only VRRP for IPv6).</summary>
    public static void Complete(VrrpInstanceConfig i)
    {
        if (i.Family == AddressFamily.InterNetworkV6)
            i.Version = VrrpVersion.V3;
    }

    private static bool Claim(VrrpInstanceConfig i, AddressFamily family)
    {
        if (i.FamilyDecided)
            return i.Family == family;
        (i.Family, i.FamilyDecided) = (family, true);
        return true;
    }

    private static string Name(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
