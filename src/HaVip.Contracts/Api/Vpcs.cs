namespace HaVip.Contracts.Api;

public sealed record VpcDto(string Id, string Name, string Cidr, DateTime CreatedAt);

public sealed record CreateVpcRequest(string? Name, string? Cidr);
