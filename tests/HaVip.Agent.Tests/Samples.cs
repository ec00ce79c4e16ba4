using HaVip.Contracts.Agents;

namespace HaVip.Agent.Tests;

/// <summary>The user guide's addresses: two instances on this host, one HAVIP bound to the first only.</summary>
internal static class Samples
{
    public const string Subnet = "subnet-int00001";
    public const string Vip = "havip-aaaa0001";
    public const string Bound = "i-bound001";
    public const string Unbound = "i-other002";

    public static PortStateDto BoundPort { get; } = new(Bound, Subnet, "eth0", PortNames.HostSide(Bound, "eth0"), "02:00:00:00:00:0e", ["10.0.240.14"], ["10.0.240.14", "10.0.240.204"]);

    public static PortStateDto UnboundPort { get; } = new(Unbound, Subnet, "eth0", PortNames.HostSide(Unbound, "eth0"), "02:00:00:00:00:10", ["10.0.240.16"], ["10.0.240.16"]);

    public static DesiredStateDto State { get; } = new("hv1", 42,
        [new SubnetStateDto(Subnet, "10.0.240.0/24", "10.0.240.1", 1000, ["10.255.0.12"])],
        [BoundPort, UnboundPort],
        [new HaVipStateDto(Vip, Subnet, "10.0.240.204", [Bound, "i-remote03"])]);

    public const string Remote = "i-remote03";

    /// <summary>The same host in a dual-stack subnet: the bound instance also holds the IPv6 HAVIP fd00:10:240::204.</summary>
    public static DesiredStateDto DualStack { get; } = State with
    {
        Ports =
        [
            BoundPort with { Ipv6Address = "fd00:10:240::14", AllowedIpv6 = ["fd00:10:240::14", "fd00:10:240::204"] },
            UnboundPort with { Ipv6Address = "fd00:10:240::16", AllowedIpv6 = ["fd00:10:240::16"] },
        ],
        HaVips = [.. State.HaVips, new HaVipStateDto("havip-aaaa0006", Subnet, "fd00:10:240::204", [Bound])],
    };

    /// <summary>The bound instances' adverts as the server describes them: VRID 51, 1 s, the local one from .14, the remote one from .15.</summary>
    public static HaVipVrrpDto Vrrp { get; } = new(51, 1000, [new HaVipAdvertSourceDto(Bound, "10.0.240.14"), new HaVipAdvertSourceDto(Remote, "10.0.240.15")]);

    /// <summary>The platform chose the remote instance (advert source .15, VRID 51, 1 s adverts): the local bound port is the loser.</summary>
    public static DesiredStateDto Decided(string chosen = Remote) => State with
    {
        HaVips = [State.HaVips[0] with { Decision = new HaVipDecisionDto(chosen, "02:00:00:00:00:0f", "10.0.240.15", 51, 1000), Vrrp = Vrrp }],
    };
}
