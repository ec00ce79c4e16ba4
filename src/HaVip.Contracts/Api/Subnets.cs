namespace HaVip.Contracts.Api;

public sealed record SubnetDto(string Id, string VpcId, string Name, string Cidr, string Gateway, NetworkType Type, DateTime CreatedAt);

/// <summary>Gateway defaults to the first host of the CIDR.</summary>
public sealed record CreateSubnetRequest(string? VpcId, string? Name, string? Cidr, NetworkType? Type, string? Gateway = null);
