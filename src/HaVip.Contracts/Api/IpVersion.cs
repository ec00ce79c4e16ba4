namespace HaVip.Contracts.Api;

/// <summary>A HAVIP's address family: "ipv4" or "ipv6" (IPv6 only in a subnet with an IPv6 prefix).</summary>
public enum IpVersion
{
    Ipv4,
    Ipv6,
}
