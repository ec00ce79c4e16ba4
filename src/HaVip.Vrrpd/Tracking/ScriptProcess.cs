using System.Diagnostics;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Tracking;

/// <summary>
/// How havipd starts a script or notify command: <c>/bin/sh -c COMMAND</c>, as the configured user
/// (a script's <c>user</c>, else <c>script_user</c>) through runuser(1) when that is not root.
/// </summary>
internal static class ScriptProcess
{
    private const string Runuser = "/usr/sbin/runuser";

    public static ProcessStartInfo Create(string command, ScriptUser? user)
    {
        if (user is null || user.User == "root")
            return With("/bin/sh", "-c", command);
        var args = new List<string> { "-u", user.User };
        if (user.Group is { } group)
            args.AddRange(["-g", group]);
        args.AddRange(["--", "/bin/sh", "-c", command]);
        return With(Runuser, [.. args]);
    }

    private static ProcessStartInfo With(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return psi;
    }
}
