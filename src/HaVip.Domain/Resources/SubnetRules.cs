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
        var ipv6 = ipv6CidrText is null ? null : ParseIpv6(ipv6CidrText, errors);
        errors.ThrowIfAny();
        var overlapping = siblings.FirstOrDefault(s => s.Prefix.Overlaps(cidr!.Value));
        if (overlapping is not null)
        {
            throw new DomainException(ErrorCode.CidrOverlap, $"{cidr} overlaps subnet {overlapping.Id} ({overlapping.Cidr}) of VPC {vpc.Id}.", "cidr");
        }
        if (ipv6 is { } v6)
        {
            CheckIpv6Unique(vpc.Id, v6, siblings);
        }
        return (cidr!.Value, gateway ?? cidr!.Value.FirstHost, ipv6);
    }

    /// <summary>
    /// The IPv6 /64 asked for an existing subnet (<c>PATCH ipv6Cidr</c>): a /64 that no other subnet
    /// of the VPC (<paramref name="siblings"/>, the subnet itself left out) has.
    /// </summary>
    public static Ipv6Prefix CheckIpv6Prefix(Subnet subnet, string ipv6CidrText, IReadOnlyCollection<Subnet> siblings)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        var errors = new ErrorCollector();
        var ipv6 = ParseIpv6(ipv6CidrText, errors);
        errors.ThrowIfAny();
        CheckIpv6Unique(subnet.VpcId, ipv6!.Value, siblings.Where(s => s.Id != subnet.Id));
        return ipv6.Value;
    }

    private static Ipv6Prefix? ParseIpv6(string text, ErrorCollector errors)
    {
        if (Ipv6Prefix.TryParse(text, out var parsed, out var problem))
        {
            return parsed;
        }
        errors.Add(ErrorCode.InvalidParameter, $"ipv6Cidr '{text}' {problem}.", "ipv6Cidr");
        return null;
    }

    private static void CheckIpv6Unique(string vpcId, Ipv6Prefix ipv6, IEnumerable<Subnet> siblings)
    {
        // Every IPv6 prefix is a /64: two overlap exactly when they are equal.
        var same = siblings.FirstOrDefault(s => s.Ipv6Prefix == ipv6);
        if (same is not null)
        {
            throw new DomainException(ErrorCode.CidrOverlap, $"{ipv6} is already the IPv6 prefix of subnet {same.Id} of VPC {vpcId}.", "ipv6Cidr");
        }
    }
}
