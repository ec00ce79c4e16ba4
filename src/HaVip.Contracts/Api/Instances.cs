namespace HaVip.Contracts.Api;

public sealed record NicDto(string Device, string SubnetId, string IpAddress, string MacAddress, string? Ipv6Address = null);

public sealed record InstanceDto(string Id, string Name, string VpcId, string? Host, IReadOnlyList<NicDto> Nics, int HaVipCount, DateTime CreatedAt);

/// <summary>Device defaults to eth0, eth1, ...; the IP is allocated and the MAC generated when omitted.</summary>
public sealed record CreateNicRequest(string? SubnetId, string? Device = null, string? IpAddress = null, string? MacAddress = null, string? Ipv6Address = null);

public sealed record CreateInstanceRequest(string? Name, string? VpcId, IReadOnlyList<CreateNicRequest>? Nics, string? Host = null);

/// <summary>Renames an instance or records that it moved to another host ("" clears the host).</summary>
public sealed record UpdateInstanceRequest(string? Name = null, string? Host = null);
