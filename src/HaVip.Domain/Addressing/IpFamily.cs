namespace HaVip.Domain.Addressing;

/// <summary>An address family. A HAVIP has one, given by its address; a dual-stack subnet offers both.</summary>
public enum IpFamily
{
    Ipv4,
    Ipv6,
}
