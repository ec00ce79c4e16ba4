using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;

namespace HaVip.Domain.Resources;

public sealed class Subnet
{
    private string? _ipv6Cidr;

    public required string Id { get; init; }

    /// <summary>The account that owns it; other accounts never see it.</summary>
    public required string AccountId { get; init; }

    public required string VpcId { get; init; }

    public required string Name { get; init; }

    public required string Cidr { get; init; }

    public required string Gateway { get; init; }

    /// <summary>The subnet's IPv6 /64 beside its IPv4 CIDR (dual stack); null for an IPv4-only subnet.</summary>
    public string? Ipv6Cidr { get => _ipv6Cidr; init => _ipv6Cidr = value; }

    public SubnetType Type { get; init; }

    /// <summary>VXLAN network identifier the data plane uses for this subnet.</summary>
    public int Vni { get; init; }

    public DateTime CreatedAt { get; init; }

    public Ipv4Cidr Prefix => Ipv4Cidr.TryParse(Cidr, out var cidr, out _) ? cidr : throw new InvalidOperationException($"stored CIDR '{Cidr}' is invalid");

    public Ipv4 GatewayAddress => Ipv4.TryParse(Gateway, out var ip) ? ip : throw new InvalidOperationException($"stored gateway '{Gateway}' is invalid");

    public Ipv6Prefix? Ipv6Prefix => Ipv6Cidr is null ? null
        : Addressing.Ipv6Prefix.TryParse(Ipv6Cidr, out var prefix, out _) ? prefix : throw new InvalidOperationException($"stored IPv6 prefix '{Ipv6Cidr}' is invalid");

    /// <summary>
    /// Makes an IPv4-only subnet dual-stack with <paramref name="prefix"/>; true when it changed.
    /// The prefix it has already changes nothing; another one is <see cref="ErrorCode.InvalidState"/>:
    /// its NICs' and HAVIPs' IPv6 addresses live in the prefix it has.
    /// </summary>
    public bool AddIpv6Prefix(Ipv6Prefix prefix)
    {
        if (Ipv6Prefix is { } current)
        {
            return current == prefix ? false : throw new DomainException(ErrorCode.InvalidState,
                $"subnet {Id} has the IPv6 prefix {current} already; it cannot be changed (its NICs and HAVIPs hold addresses in it).", "ipv6Cidr");
        }
        _ipv6Cidr = prefix.ToString();
        return true;
    }

    /// <summary>Network address, gateway and broadcast can never be handed out.</summary>
    public bool IsReserved(Ipv4 address) =>
        address == Prefix.Network || address == Prefix.Broadcast || address == GatewayAddress;
}
