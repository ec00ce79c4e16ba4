using HaVip.Domain.Errors;

namespace HaVip.Domain.Addressing;

/// <summary>Which addresses of a subnet's IPv6 prefix may be used, and the lowest free one: the IPv6 twin of <see cref="AddressRules"/>.</summary>
public static class Ipv6AddressRules
{
    public static Ipv6? ParseAddress(string? text, ErrorCollector errors, string field)
    {
        if (Ipv6.TryParse(text, out var ip))
        {
            return ip;
        }
        errors.Add(ErrorCode.InvalidParameter, $"'{text}' is not an IPv6 address (e.g. fd00:10:240::20), without a zone or an embedded IPv4 address.", field);
        return null;
    }

    /// <summary>The address must lie inside the prefix, not be reserved, and not be in use.</summary>
    public static void CheckUsable(string subnetId, Ipv6Prefix prefix, Ipv6 address, IReadOnlySet<Ipv6> used, string field = "ipAddress")
    {
        if (!prefix.Contains(address))
        {
            throw new DomainException(ErrorCode.IpNotInSubnet, $"{address} is not inside subnet {subnetId}'s IPv6 prefix {prefix}.", field);
        }
        if (prefix.IsReserved(address))
        {
            throw new DomainException(ErrorCode.IpReserved,
                $"{address} is reserved in subnet {subnetId}: the Subnet-Router anycast address {prefix.SubnetRouterAnycast}, the gateway {prefix.Gateway} and the RFC 2526 anycast addresses (interface identifiers from fdff:ffff:ffff:ff80) cannot be used.", field);
        }
        if (used.Contains(address))
        {
            throw new DomainException(ErrorCode.IpInUse, $"{address} is already used in subnet {subnetId}.", field);
        }
    }

    /// <summary>
    /// The lowest address of the prefix that is neither reserved nor used. A /64 never fills: the
    /// search ends within used.Count + 1 steps of the gateway.
    /// </summary>
    public static Ipv6 AllocateLowest(Ipv6Prefix prefix, IReadOnlySet<Ipv6> used)
    {
        var candidate = prefix.Gateway.Add(1);
        while (used.Contains(candidate))
        {
            candidate = candidate.Add(1);
        }
        return candidate;
    }
}
