using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;

namespace HaVip.Domain.Resources;

public static class SubnetRules
{
    /// <summary>/30 is the smallest subnet with a usable address once network, gateway and broadcast are reserved.</summary>
    public const int MaxPrefixLength = 30;

    /// <summary>Checks a new subnet of <paramref name="vpc"/>; returns its CIDR, gateway and IPv6 prefix (null: IPv4 only).</summary>
    public static (Ipv4Cidr Cidr, Ipv4 Gateway, Ipv6Prefix? Ipv6) CheckCreate(
        Vpc vpc, string? name, string? cidrText, string? gatewayText, SubnetType type, IReadOnlyCollection<Subnet> siblings, string? ipv6CidrText = null)
    {
        var errors = new ErrorCollector();
        NameRules.CheckName(name, errors);
        var cidr = CidrRules.Parse(cidrText, errors, "cidr", minPrefix: 8, maxPrefix: MaxPrefixLength);
        Ipv4? gateway = null;
        if (gatewayText is not null)
        {
            gateway = AddressRules.ParseAddress(gatewayText, errors, "gateway");
        }
        if (cidr is { } c && gateway is { } g && (!c.Contains(g) || g == c.Network || g == c.Broadcast))
        {
            errors.Add(ErrorCode.InvalidParameter, $"gateway {g} must be a host address of {c}.", "gateway");
        }
        if (cidr is { } inner && type == SubnetType.Internal && Ipv4Cidr.TryParse(vpc.Cidr, out var vpcCidr, out _) && !vpcCidr.Contains(inner))
        {
            errors.Add(ErrorCode.InvalidParameter, $"an internal subnet must lie inside its VPC's CIDR {vpc.Cidr} (got {inner}).", "cidr");
        }
        Ipv6Prefix? ipv6 = null;
        if (ipv6CidrText is not null)
        {
            if (Ipv6Prefix.TryParse(ipv6CidrText, out var parsed, out var problem))
            {
                ipv6 = parsed;
            }
            else
            {
                errors.Add(ErrorCode.InvalidParameter, $"ipv6Cidr '{ipv6CidrText}' {problem}.", "ipv6Cidr");
            }
        }
        errors.ThrowIfAny();
        var overlapping = siblings.FirstOrDefault(s => s.Prefix.Overlaps(cidr!.Value));
        if (overlapping is not null)
        {
            throw new DomainException(ErrorCode.CidrOverlap, $"{cidr} overlaps subnet {overlapping.Id} ({overlapping.Cidr}) of VPC {vpc.Id}.", "cidr");
        }
        // Every IPv6 prefix is a /64: two overlap exactly when they are equal.
        var sameIpv6 = ipv6 is null ? null : siblings.FirstOrDefault(s => s.Ipv6Prefix == ipv6);
        if (sameIpv6 is not null)
        {
            throw new DomainException(ErrorCode.CidrOverlap, $"{ipv6} is already the IPv6 prefix of subnet {sameIpv6.Id} of VPC {vpc.Id}.", "ipv6Cidr");
        }
        return (cidr!.Value, gateway ?? cidr!.Value.FirstHost, ipv6);
    }
}
