namespace HaVip.Vrrpd.Tests.Network;

/// <summary>Network tests run one at a time: VRRP timing at 0.1 s must not compete for the CPU with another cluster.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NetworkCollection
{
    public const string Name = "network namespaces";
}
