using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.Addressing;

/// <summary>Which addresses of a subnet may be used, and the lowest free one.</summary>
public static class AddressRules
{
    public static Ipv4? ParseAddress(string? text, ErrorCollector errors, string field)
    {
        if (Ipv4.TryParse(text, out var ip))
        {
            return ip;
        }
        errors.Add(ErrorCode.InvalidParameter, $"'{text}' is not an IPv4 address in dotted-quad form (e.g. 10.0.240.20).", field);
        return null;
    }

    /// <summary>The address must lie inside the subnet, not be reserved, and not be in use.</summary>
    public static void CheckUsable(Subnet subnet, Ipv4 address, IReadOnlySet<Ipv4> used, string field = "ipAddress")
    {
        if (!subnet.Prefix.Contains(address))
        {
            throw new DomainException(ErrorCode.IpNotInSubnet, $"{address} is not inside subnet {subnet.Id} ({subnet.Cidr}).", field);
        }
        if (subnet.IsReserved(address))
        {
            throw new DomainException(ErrorCode.IpReserved,
                $"{address} is reserved in subnet {subnet.Id}: network {subnet.Prefix.Network}, gateway {subnet.Gateway} and broadcast {subnet.Prefix.Broadcast} cannot be used.", field);
        }
        if (used.Contains(address))
        {
            throw new DomainException(ErrorCode.IpInUse, $"{address} is already used in subnet {subnet.Id}.", field);
        }
    }

    /// <summary>The lowest address of the subnet that is neither reserved nor used.</summary>
    public static Ipv4 AllocateLowest(Subnet subnet, IReadOnlySet<Ipv4> used)
    {
        // Network and broadcast lie outside FirstHost..LastHost; only the gateway is reserved
        // inside. Parsed once, not per candidate: a /16 has 65,534 of them.
        var prefix = subnet.Prefix;
        var gateway = subnet.GatewayAddress;
        for (var candidate = prefix.FirstHost; candidate <= prefix.LastHost; candidate = candidate.Add(1))
        {
            if (candidate != gateway && !used.Contains(candidate))
            {
                return candidate;
            }
        }
        throw new DomainException(ErrorCode.SubnetFull, $"subnet {subnet.Id} ({subnet.Cidr}) has no free address left.", "ipAddress");
    }
}
