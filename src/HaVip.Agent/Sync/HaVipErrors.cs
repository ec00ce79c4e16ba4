using HaVip.Contracts.Agents;

namespace HaVip.Agent.Sync;

/// <summary>Which HAVIPs a failure affects: a missing port fails the HAVIPs its instance is bound to; a host-wide failure fails all.</summary>
internal static class HaVipErrors
{
    public static Dictionary<string, string> From(DesiredStateDto state, IReadOnlyDictionary<string, string> portErrors, string? hostError)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var vip in state.HaVips)
        {
            if (hostError is not null)
            {
                errors[vip.Id] = hostError;
                continue;
            }
            var broken = state.Ports
                .Where(p => p.SubnetId == vip.SubnetId && vip.InstanceIds.Contains(p.InstanceId) && portErrors.ContainsKey(p.PortName))
                .Select(p => portErrors[p.PortName]).ToArray();
            if (broken.Length > 0)
            {
                errors[vip.Id] = string.Join("; ", broken);
            }
        }
        return errors;
    }
}
