using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Tests.Cli;

/// <summary>havipd's log lines keep the format of the console logger they replace (scripts and tests read them).</summary>
public sealed class LineLoggerTests
{
    [Fact]
    public void Log_StateChange_OneLineAsTheSimpleConsoleFormatterWroteIt()
    {
        using var output = new StringWriter();
        using var factory = new LineLoggerFactory(output, LogLevel.Information);

        Log.StateChanged(factory.CreateLogger("havipd.vrrp"), "VI_1", "MASTER", "BACKUP", HaVip.Vrrp.Machine.TransitionReason.MasterDownTimerExpired, 100);

        output.ToString().Should().MatchRegex(
            @"^\d\d:\d\d:\d\d\.\d\d\d info: havipd\.vrrp\[1\] VRRP_Instance\(VI_1\) Entering MASTER STATE \(from BACKUP, reason MasterDownTimerExpired, priority 100\)\n$");
    }

    [Fact]
    public void Log_Exception_OnTheSameLine()
    {
        using var output = new StringWriter();
        using var factory = new LineLoggerFactory(output, LogLevel.Information);

        Log.ActionFailed(factory.CreateLogger("havipd.vrrp"), "VI_1", "AddAddress", new InvalidOperationException("line one\nline two"));

        var text = output.ToString();
        text.Should().Contain("fail: havipd.vrrp[4] VRRP_Instance(VI_1) AddAddress failed System.InvalidOperationException: line one line two");
        text.TrimEnd('\n').Should().NotContain("\n");
    }

    [Fact]
    public void Log_BelowMinimum_NotWritten()
    {
        using var output = new StringWriter();
        using var factory = new LineLoggerFactory(output, LogLevel.Information);

        Log.AdvertDropped(factory.CreateLogger("havipd.vrrp"), "VI_1", HaVip.Net.DropReason.BadTtl, null, null);

        output.ToString().Should().BeEmpty();
    }
}
