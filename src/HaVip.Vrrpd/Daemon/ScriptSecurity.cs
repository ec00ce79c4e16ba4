using System.Diagnostics;
using System.Globalization;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Daemon;

/// <summary>
/// keepalived's script security (notify.c), as keepalived 2.2.7 runs it: a script is insecure when
/// it, or a directory on its path, is owned by a user other than root or writable by group or
/// others (a sticky directory is fine). With enable_script_security an insecure script, or one
/// whose user cannot be set, is disabled with keepalived's warning and the rest of the file runs:
/// a vrrp_script is removed (the instances and groups that track it no longer do), a notify
/// command is not run. Without it, scripts that run as root are keepalived's "SECURITY
/// VIOLATION" warning.
/// </summary>
internal static class ScriptSecurity
{
    private const string DefaultUser = "keepalived_script";

    /// <summary>Checks every script and disables, in <paramref name="config"/>, those keepalived would disable.</summary>
    public static List<ConfigDiagnostic> Check(KeepalivedConfig config, Func<string, bool> userExists, Func<string, (int Uid, int Gid, int Mode)?> stat)
    {
        var found = new List<ConfigDiagnostic>();
        var scripts = Scripts(config).ToList();
        if (scripts.Count == 0)
            return found;
        var g = config.GlobalDefs;
        var defaultUser = g.ScriptUser?.User ?? (userExists(DefaultUser) ? DefaultUser : null);
        var asRoot = false;
        foreach (var script in scripts)
        {
            var runAs = script.User?.User ?? defaultUser;
            if (g.EnableScriptSecurity && Refusal(script, runAs, stat) is { } refusal)
            {
                found.Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, script.At, refusal.Code, refusal.Message));
                Disable(config, script);
                continue;
            }

            asRoot |= runAs is null or "root";
        }

        if (asRoot && !g.EnableScriptSecurity)
        {
            found.Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, scripts[0].At, DiagnosticCodes.InsecureScript,
                "SECURITY VIOLATION: scripts run as root but enable_script_security is not set (keepalived's config test refuses this)"));
        }

        return found;
    }

    /// <summary>keepalived's words for a script it disables, or null when it may run.</summary>
    private static (string Code, string Message)? Refusal(Script script, string? runAs, Func<string, (int Uid, int Gid, int Mode)?> stat)
    {
        if (runAs is null)
        {
            return (DiagnosticCodes.ScriptUserUnknown, script.Name is { } name
                ? $"Unable to set default user for vrrp script {name} - removing (no script_user and no user {DefaultUser})"
                : $"Failed to set default user for notify script {script.Command} - ignoring (no script_user and no user {DefaultUser})");
        }

        if (Insecure(Program(script.Command), stat) is not { } why)
            return null;
        return (DiagnosticCodes.InsecureScript, script.Name is { } track
            ? $"Disabling track script {track} due to insecure ({why})"
            : $"Unsafe permissions found for script '{script.Command}' - disabling. ({why})");
    }

    private static void Disable(KeepalivedConfig config, Script script)
    {
        if (script.Name is { } name)
        {
            config.RemoveScript(name);
            return;
        }

        foreach (var n in config.Instances.Select(i => i.Notify).Concat(config.SyncGroups.Select(s => s.Notify)))
            n.Remove(script.Command);
        config.GlobalDefs.RemoveFifoScript(script.Command);
    }

    /// <summary>A command havipd may run: a vrrp_script's (with its name) or a notify command.</summary>
    internal sealed record Script(string? Name, string Command, ScriptUser? User, SourcePosition At);

    /// <summary>Every command havipd may run, with its user and where it was written.</summary>
    internal static IEnumerable<Script> Scripts(KeepalivedConfig config)
    {
        foreach (var (name, s) in config.Scripts.Where(s => s.Value.Script is not null))
            yield return new(name, s.Script!, s.User, s.Position);
        foreach (var i in config.Instances)
        {
            foreach (var n in Notify(i.Notify))
                yield return new(null, n, null, i.Position);
        }

        foreach (var grp in config.SyncGroups)
        {
            foreach (var n in Notify(grp.Notify))
                yield return new(null, n, null, grp.Position);
        }

        foreach (var f in config.GlobalDefs.NotifyFifos.Where(f => f.Script is not null))
            yield return new(null, f.Script!, null, f.Position);
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
