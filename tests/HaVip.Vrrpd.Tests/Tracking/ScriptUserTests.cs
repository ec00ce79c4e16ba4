using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Vrrpd.Tests.Tracking;

/// <summary>script_user / a script's <c>user</c>: the command runs as that user (keepalived drops privileges the same way).</summary>
public sealed class ScriptUserTests
{
    [Fact]
    public void Create_WithUser_RunsThroughRunuserAsThatUser()
    {
        var psi = ScriptProcess.Create("/bin/check --x", new ScriptUser("nobody", "nogroup"));

        psi.FileName.Should().Be("/usr/sbin/runuser");
        psi.ArgumentList.Should().Equal("-u", "nobody", "-g", "nogroup", "--", "/bin/sh", "-c", "/bin/check --x");
        ScriptProcess.Create("/bin/check", null).ArgumentList.Should().Equal("-c", "/bin/check");
        ScriptProcess.Create("/bin/check", new ScriptUser("root", null)).FileName.Should().Be("/bin/sh");
    }

    [Fact]
    public async Task Run_ScriptWithUser_RunsAsThatUser()
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("running a script as another user needs root, as havipd has");
        var dir = Directory.CreateTempSubdirectory("hvd-user").FullName;
        Shell.Run("chmod", "777", dir); // nobody writes its answer here
        var output = Path.Combine(dir, "uid");
        try
        {
            var parsed = new KeepalivedConfigParser().ParseText($"vrrp_script chk {{\n script \"id -u > {output}\"\n user nobody\n interval 0.1\n timeout 5\n}}\n", "t.conf");
            var monitor = new ScriptMonitor(parsed.Config.Scripts["chk"], (_, _) => { }, TimeProvider.System, NullLogger.Instance);
            using var stop = new CancellationTokenSource();
            var run = monitor.RunAsync(stop.Token);
            SpinWait.SpinUntil(() => monitor.IsUp is not null, TimeSpan.FromSeconds(10));
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));

            var nobody = File.ReadLines("/etc/passwd").First(l => l.StartsWith("nobody:", StringComparison.Ordinal)).Split(':')[2];
            File.ReadAllText(output).Trim().Should().Be(nobody);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
