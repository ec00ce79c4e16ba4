using System.Net;
using HaVip.Agent.Rules;
using HaVip.Contracts.Agents;
using HaVip.Net.Ethernet;

namespace HaVip.Agent.Arp;

/// <summary>A port as the ARP path sees it: whose it is and which MAC it must use.</summary>
internal sealed record PortIdentity(string PortName, string InstanceId, string SubnetId, MacAddress Mac);

/// <summary>A HAVIP's address and the instances allowed to claim it.</summary>
internal sealed record VipOwners(string HaVipId, IReadOnlySet<string> InstanceIds);

/// <summary>An immutable snapshot of who may claim what, swapped whole on each desired state.</summary>
internal sealed class ClaimTable
{
    private readonly Dictionary<(string SubnetId, IPAddress Address), VipOwners> _vips;
    private readonly HashSet<DecisionElement> _decided;

    private ClaimTable(Dictionary<(string, IPAddress), VipOwners> vips, IReadOnlyList<PortIdentity> ports, HashSet<DecisionElement> decided)
    {
        _vips = vips;
        Ports = ports;
        _decided = decided;
    }

    public static ClaimTable Empty { get; } = new([], [], []);

    public IReadOnlyList<PortIdentity> Ports { get; }

    public static ClaimTable From(DesiredStateDto state)
    {
        var vips = state.HaVips.ToDictionary(
            v => (v.SubnetId, IPAddress.Parse(v.IpAddress)),
            v => new VipOwners(v.Id, v.InstanceIds.ToHashSet(StringComparer.Ordinal)));
        var ports = state.Ports.Select(p => new PortIdentity(p.PortName, p.InstanceId, p.SubnetId, MacAddress.Parse(p.MacAddress))).ToArray();
        return new ClaimTable(vips, ports, [.. ArbitrationRules.Elements(state)]);
    }

    /// <summary>Whether the platform decided against claims of <paramref name="address"/> from this port (the data path may drop them).</summary>
    public bool DecidedAgainst(string portName, IPAddress address) => _decided.Contains(new DecisionElement(address.ToString(), portName));

    public VipOwners? Find(string subnetId, IPAddress address) => _vips.GetValueOrDefault((subnetId, address));
}
