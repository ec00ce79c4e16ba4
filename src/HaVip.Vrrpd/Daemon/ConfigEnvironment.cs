using HaVip.Linux.Netlink;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Daemon;

/// <summary>
/// What <c>keepalived --config-test</c> checks against the machine, not the file: the instances'
/// interfaces exist (unless dynamic_interfaces), a <c>use_vmac</c> name is not another kind of
/// interface, and the scripts are secure (<see cref="ScriptSecurity"/>).
/// </summary>
internal static class ConfigEnvironment
{
    public static IEnumerable<ConfigDiagnostic> Check(KeepalivedConfig config)
    {
        foreach (var i in config.Instances.Where(i => i.Interface is { } name && !Directory.Exists($"/sys/class/net/{name}")))
        {
            var dynamic = config.GlobalDefs.DynamicInterfaces;
            yield return new ConfigDiagnostic(dynamic ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, i.Position, DiagnosticCodes.MissingInterfaceDevice,
                $"interface {i.Interface} of vrrp_instance {i.Name} does not exist" + (dynamic ? " (dynamic_interfaces: it waits in FAULT for it)" : ""));
        }

        foreach (var d in VmacNamesTaken(config))
            yield return d;
        foreach (var d in ScriptSecurity.Check(config, ScriptSecurity.UserExists, ScriptSecurity.Stat))
            yield return d;
    }

    /// <summary>
    /// keepalived 2.2.7 (vrrp_parser.c, vrrp_vmac_handler): an existing interface of that name that
    /// is not a private macvlan is a config error, and the name is ignored (the VMAC is vrrp.VRID),
    /// so havipd never takes over or deletes, say, a NIC named by a typo.
    /// </summary>
    private static List<ConfigDiagnostic> VmacNamesTaken(KeepalivedConfig config)
    {
        var named = config.Instances.Where(i => i.VmacName is not null && i.UseVmacPosition is not null).ToList();
        if (named.Count == 0)
            return [];
        using var netlink = new RouteNetlink();
        var foreign = netlink.GetLinks().Where(l => !l.IsPrivateMacvlan).Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var found = new List<ConfigDiagnostic>();
        foreach (var i in named.Where(i => foreign.Contains(i.VmacName!)))
        {
            found.Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, i.UseVmacPosition!.Value, DiagnosticCodes.VmacNameIsAnInterface,
                $"({i.Name}) interface {i.VmacName} already exists and is not a private macvlan; ignoring vmac if_name"));
            i.IgnoreVmacName();
        }

        return found;
    }
}
