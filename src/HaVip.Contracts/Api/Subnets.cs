namespace HaVip.Contracts.Api;

public sealed record SubnetDto(string Id, string VpcId, string Name, string Cidr, string Gateway, NetworkType Type, DateTime CreatedAt, string? Ipv6Cidr = null, string? Ipv6Gateway = null);

/// <summary>Gateway defaults to the first host of the CIDR.</summary>
public sealed record CreateSubnetRequest(string? VpcId, string? Name, string? Cidr, NetworkType? Type, string? Gateway = null, string? Ipv6Cidr = null);

/// <summary>
/// <c>ipv6Cidr</c> (a /64) makes an IPv4-only subnet dual-stack; its existing NICs get IPv6
/// addresses in the same change. Null keeps the subnet as it is.
/// </summary>
public sealed record UpdateSubnetRequest(string? Ipv6Cidr = null);
