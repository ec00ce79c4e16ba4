namespace HaVip.Domain.Resources;

/// <summary>A NIC as requested: everything but the subnet may be left to the platform.</summary>
public sealed record NicSpec(string? SubnetId, string? Device, string? IpAddress, string? MacAddress, string? Ipv6Address = null);
