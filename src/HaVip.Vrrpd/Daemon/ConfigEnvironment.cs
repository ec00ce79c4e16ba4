using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Daemon;

/// <summary>
/// What <c>keepalived --config-test</c> checks against the machine, not the file: the instances'
/// interfaces exist (unless dynamic_interfaces) and the scripts are secure (<see cref="ScriptSecurity"/>).
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

        foreach (var d in ScriptSecurity.Check(config, ScriptSecurity.UserExists, ScriptSecurity.Stat))
            yield return d;
    }
}
