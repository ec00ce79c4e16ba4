using System.Diagnostics;
using System.Globalization;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Daemon;

/// <summary>
/// keepalived's script security (notify.c), checked as <c>keepalived --config-test</c> checks it:
/// a script is insecure when it, or a directory on its path, is owned by a user other than root
/// or writable by group or others (a sticky directory is fine). With enable_script_security an
/// insecure script, or one whose user cannot be set, is an error (keepalived disables the script
/// and runs the rest; havipd refuses to run it at all). Without it, scripts that run as root are
/// keepalived's "SECURITY VIOLATION" warning.
/// </summary>
internal static class ScriptSecurity
{
    private const string DefaultUser = "keepalived_script";

    public static IEnumerable<ConfigDiagnostic> Check(KeepalivedConfig config, Func<string, bool> userExists, Func<string, (int Uid, int Gid, int Mode)?> stat)
    {
        var scripts = Scripts(config).ToList();
        if (scripts.Count == 0)
            yield break;
        var g = config.GlobalDefs;
        var defaultUser = g.ScriptUser?.User ?? (userExists(DefaultUser) ? DefaultUser : null);
        var asRoot = false;
        foreach (var (command, user, at) in scripts)
        {
            var runAs = user?.User ?? defaultUser;
            if (runAs is null && g.EnableScriptSecurity)
            {
                yield return Error(at, DiagnosticCodes.ScriptUserUnknown, $"cannot run '{command}': no script_user and no user {DefaultUser} (keepalived removes the script)");
                continue;
            }

            asRoot |= runAs is null or "root";
            if (g.EnableScriptSecurity && Insecure(Program(command), stat) is { } why)
                yield return Error(at, DiagnosticCodes.InsecureScript, $"insecure script '{command}': {why} (enable_script_security refuses it)");
        }

        if (asRoot && !g.EnableScriptSecurity)
        {
            yield return new ConfigDiagnostic(DiagnosticSeverity.Warning, scripts[0].At, DiagnosticCodes.InsecureScript,
                "SECURITY VIOLATION: scripts run as root but enable_script_security is not set (keepalived's config test refuses this)");
        }
    }

    private static ConfigDiagnostic Error(SourcePosition at, string code, string message) => new(DiagnosticSeverity.Error, at, code, message);

    /// <summary>Every command havipd may run, with its user and where it was written.</summary>
    internal static IEnumerable<(string Command, ScriptUser? User, SourcePosition At)> Scripts(KeepalivedConfig config)
    {
        foreach (var s in config.Scripts.Values.Where(s => s.Script is not null))
            yield return (s.Script!, s.User, s.Position);
        foreach (var i in config.Instances)
        {
            foreach (var n in Notify(i.Notify))
                yield return (n, null, i.Position);
        }

        foreach (var grp in config.SyncGroups)
        {
            foreach (var n in Notify(grp.Notify))
                yield return (n, null, grp.Position);
        }

        foreach (var f in config.GlobalDefs.NotifyFifos.Where(f => f.Script is not null))
            yield return (f.Script!, null, f.Position);
    }

    private static IEnumerable<string> Notify(NotifyScripts n) =>
        new[] { n.Master, n.Backup, n.Fault, n.Stop, n.Generic }.OfType<string>();

    private static string Program(string command)
    {
        var t = command.TrimStart();
        return t.StartsWith('"') && t.IndexOf('"', 1) is var end and > 0 ? t[1..end] : t.Split(' ', 2)[0];
    }

    internal static string? Insecure(string program, Func<string, (int Uid, int Gid, int Mode)?> stat)
    {
        if (!program.StartsWith('/'))
            return null; // found through PATH by the shell, as keepalived does; not checked here
        var path = "";
        foreach (var part in program.Split('/', StringSplitOptions.RemoveEmptyEntries).Prepend(""))
        {
            path = part.Length == 0 ? "/" : path.TrimEnd('/') + "/" + part;
            if (stat(path) is not { } st)
                return null;
            var sticky = (st.Mode & 0x200) != 0 && path != program;
            if (st.Uid != 0)
                return $"{path} is owned by uid {st.Uid}";
            if ((st.Mode & 0x10) != 0 && st.Gid != 0 && !sticky)
                return $"{path} is writable by its group";
            if ((st.Mode & 0x2) != 0 && !sticky)
                return $"{path} is writable by others";
        }

        return null;
    }

    /// <summary>Owner, group and mode of a file, following links, or null when it does not exist.</summary>
    public static (int Uid, int Gid, int Mode)? Stat(string path)
    {
        try
        {
            var psi = new ProcessStartInfo("stat") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["-L", "-c", "%u %g %f", path])
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var words = p.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            return p.ExitCode == 0 && words.Length == 3
                ? (int.Parse(words[0], CultureInfo.InvariantCulture), int.Parse(words[1], CultureInfo.InvariantCulture), int.Parse(words[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));
}
