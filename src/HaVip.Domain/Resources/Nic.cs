namespace HaVip.Domain.Resources;

public sealed class Nic
{
    public required string InstanceId { get; init; }

    public required string Device { get; init; }

    public required string SubnetId { get; init; }

    /// <summary>The VPC of the subnet (and of the instance): a MAC is unique within it, not across the platform.</summary>
    public required string VpcId { get; init; }

    public required string IpAddress { get; init; }

    /// <summary>The NIC's address in its subnet's IPv6 /64; null in an IPv4-only subnet.</summary>
    public string? Ipv6Address { get; init; }

    public required string MacAddress { get; init; }
}
