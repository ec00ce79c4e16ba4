namespace HaVip.Contracts.Agents;

/// <summary>
/// Device names the agent and the test bed agree on. Linux allows 15 characters, so names are
/// derived from the short, unique parts: the instance id's body and the subnet's VNI.
/// </summary>
public static class PortNames
{
    private const int MaxLength = 15;

    /// <summary>The host side of an instance NIC, e.g. "tab12cd34eth0".</summary>
    public static string HostSide(string instanceId, string device)
    {
        var body = instanceId.StartsWith("i-", StringComparison.Ordinal) ? instanceId[2..] : instanceId;
        var name = "t" + body[..Math.Min(8, body.Length)] + device;
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }

    /// <summary>Whether a device name is one <see cref="HostSide"/> makes (other bridge ports, like a gateway's, are left alone).</summary>
    public static bool IsInstancePort(string name) => name.StartsWith('t') && name.Length > 9;

    public static string Bridge(int vni) => $"hvbr{vni}";

    public static string Vxlan(int vni) => $"hvvx{vni}";
}
