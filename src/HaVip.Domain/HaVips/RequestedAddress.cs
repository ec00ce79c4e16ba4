using HaVip.Domain.Addressing;

namespace HaVip.Domain.HaVips;

/// <summary>What a create asks of a HAVIP's address: one of either family, or none and the family to pick it in.</summary>
public sealed record RequestedAddress(IpFamily Family, Ipv4? Ipv4 = null, Ipv6? Ipv6 = null)
{
    public bool IsGiven => Ipv4 is not null || Ipv6 is not null;

    /// <summary>The field a refusal of the family names: the address when one was given, else ipVersion.</summary>
    public string Field => IsGiven ? "ipAddress" : "ipVersion";
}
