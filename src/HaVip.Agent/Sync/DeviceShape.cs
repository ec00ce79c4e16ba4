using System.Globalization;
using System.Text;
using HaVip.Contracts.Agents;

namespace HaVip.Agent.Sync;

/// <summary>
/// The part of a desired state the devices depend on (subnets, tunnels, which port sits in which
/// bridge), as text: most changes only move bindings, which touch the nft ruleset alone.
/// </summary>
internal static class DeviceShape
{
    public static string Of(DesiredStateDto state)
    {
        var text = new StringBuilder();
        foreach (var subnet in state.Subnets)
        {
            text.Append(CultureInfo.InvariantCulture, $"s {subnet.Id} {subnet.Vni} {string.Join(',', subnet.RemoteUnderlayIps)}\n");
        }
        foreach (var port in state.Ports)
        {
            text.Append(CultureInfo.InvariantCulture, $"p {port.PortName} {port.SubnetId} {port.InstanceId} {port.Device}\n");
        }
        return text.ToString();
    }
}
