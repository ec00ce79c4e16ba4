using System.Diagnostics;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>Runs a short command (ip, kill) and returns its output; throws with stderr on failure.</summary>
internal static class Shell
{
    public static string Run(string file, params string[] args) => Try(file, args, out var output) ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {output}");

    public static bool Try(string file, string[] args, out string output)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        output = stdout.Result + stderr;
        return p.ExitCode == 0;
    }

    public static string Ip(params string[] args) => Run("ip", args);
}
