using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Vrrpd.Tests.Tracking;

public sealed class ScriptMonitorTests
{
    // Timeouts are generous: on a loaded machine starting /bin/sh alone can take longer than the
    // interval, and a timeout counts as a failure.
    [Theory]
    [InlineData("exit 0", true)]
    [InlineData("exit 1", false)]
    [InlineData("sleep 5", false)]
    public async Task Run_ScriptResult_ReportedOnce(string script, bool expected)
    {
        var config = Script($$"""
            vrrp_script chk {
                script "{{script}}"
                interval 0.1
                timeout 1
            }
            """);
        var changes = new List<(string, bool)>();
        var monitor = new ScriptMonitor(config, (n, up) => { lock (changes) changes.Add((n, up)); }, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        var run = monitor.RunAsync(stop.Token);
        SpinWait.SpinUntil(() => monitor.IsUp is not null, TimeSpan.FromSeconds(5));
        Thread.Sleep(400);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));

        lock (changes)
            changes.Should().Equal(("chk", expected));
    }

    [Fact]
    public async Task Run_FailingAfterUp_NeedsFallFailures()
    {
        var dir = Directory.CreateTempSubdirectory("hvd-script").FullName;
        var flag = Path.Combine(dir, "ok");
        File.WriteAllText(flag, "");
        var config = Script($$"""
            vrrp_script chk {
                script "test -e {{flag}}"
                interval 0.05
                timeout 2
                fall 3
                rise 1
            }
            """);
        var changes = new List<bool>();
        var monitor = new ScriptMonitor(config, (_, up) => { lock (changes) changes.Add(up); }, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = monitor.RunAsync(stop.Token);
        SpinWait.SpinUntil(() => monitor.IsUp == true, TimeSpan.FromSeconds(5));

        File.Delete(flag);
        SpinWait.SpinUntil(() => monitor.IsUp == false, TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Directory.Delete(dir, recursive: true);

        lock (changes)
            changes.Should().Equal(true, false);
    }

    private static VrrpScriptConfig Script(string text)
    {
        var result = new KeepalivedConfigParser().ParseText(text, "keepalived.conf");
        result.HasErrors.Should().BeFalse(string.Join('\n', result.Diagnostics));
        return result.Config.Scripts["chk"];
    }
}
