namespace HaVip.Contracts.Api;

public sealed record SubnetDto(string Id, string VpcId, string Name, string Cidr, string Gateway, NetworkType Type, DateTime CreatedAt, string? Ipv6Cidr = null, string? Ipv6Gateway = null);

/// <summary>Gateway defaults to the first host of the CIDR.</summary>
public sealed record CreateSubnetRequest(string? VpcId, string? Name, string? Cidr, NetworkType? Type, string? Gateway = null, string? Ipv6Cidr = null);
