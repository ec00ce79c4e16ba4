using HaVip.Domain.Addressing;

namespace HaVip.Domain.Resources;

public sealed class Nic
{
    private string? _ipv6Address;

    public required string InstanceId { get; init; }

    public required string Device { get; init; }

    public required string SubnetId { get; init; }

    /// <summary>The VPC of the subnet (and of the instance): a MAC is unique within it, not across the platform.</summary>
    public required string VpcId { get; init; }

    public required string IpAddress { get; init; }

    /// <summary>The NIC's address in its subnet's IPv6 /64; null in an IPv4-only subnet.</summary>
    public string? Ipv6Address { get => _ipv6Address; init => _ipv6Address = value; }

    /// <summary>Through <see cref="Instance.AddIpv6Addresses"/> only: the instance owns its NICs.</summary>
    internal void AssignIpv6(Ipv6 address) => _ipv6Address = address.ToString();

    public required string MacAddress { get; init; }
}
