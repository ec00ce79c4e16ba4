using System.Net;
using HaVip.Vrrpd.Cli;
using HaVip.Vrrpd.Daemon;

namespace HaVip.Vrrpd.Tests.Cli;

/// <summary>havipd's command line, read by hand: the commands and options System.CommandLine read, with its errors.</summary>
public sealed class ArgumentParserTests
{
    [Fact]
    public void Parse_Nothing_RunsTheDefaultFiles()
    {
        var a = ArgumentParser.Parse([]);

        a.Verb.Should().Be(HavipdVerb.Run);
        a.ConfigFile.Should().Be(DaemonOptions.DefaultConfig);
        a.ControlPath.Should().Be(DaemonOptions.DefaultControl);
        a.PidFile.Should().BeNull();
        a.MetricsListen.Should().BeNull();
        a.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Parse_EveryOption_Read()
    {
        var a = ArgumentParser.Parse(["-f", "k.conf", "-p", "h.pid", "--control", "c.sock", "--metrics-listen", "[::1]:9650"]);

        a.Errors.Should().BeEmpty();
        a.Verb.Should().Be(HavipdVerb.Run);
        (a.ConfigFile, a.PidFile, a.ControlPath).Should().Be(("k.conf", "h.pid", "c.sock"));
        a.MetricsListen.Should().Be(new IPEndPoint(IPAddress.IPv6Loopback, 9650));
    }

    [Theory]
    [InlineData("--use-file=k.conf")]
    [InlineData("--use-file:k.conf")]
    [InlineData("-f=k.conf")]
    public void Parse_InlineValue_Read(string arg) =>
        ArgumentParser.Parse([arg]).ConfigFile.Should().Be("k.conf");

    [Theory]
    [InlineData(new[] { "-t" }, "ConfigTest")]
    [InlineData(new[] { "--config-test", "-f", "k.conf" }, "ConfigTest")]
    [InlineData(new[] { "-t", "true" }, "ConfigTest")]
    [InlineData(new[] { "-t", "false" }, "Run")]
    [InlineData(new[] { "--config-test=false" }, "Run")]
    [InlineData(new[] { "--version" }, "Version")]
    [InlineData(new[] { "--help" }, "Help")]
    [InlineData(new[] { "-?" }, "Help")]
    [InlineData(new[] { "status" }, "Status")]
    [InlineData(new[] { "status", "-h" }, "Help")]
    public void Parse_Verb(string[] args, string verb) =>
        ArgumentParser.Parse(args).Verb.ToString().Should().Be(verb);

    [Fact]
    public void Parse_StatusControl_Read() =>
        ArgumentParser.Parse(["status", "--control", "c.sock"]).ControlPath.Should().Be("c.sock");

    [Theory]
    [InlineData(new[] { "--bogus" }, "Unrecognized command or argument '--bogus'.")]
    [InlineData(new[] { "extra" }, "Unrecognized command or argument 'extra'.")]
    [InlineData(new[] { "-f" }, "Required argument missing for option: '--use-file'.")]
    [InlineData(new[] { "-f", "-t" }, "Required argument missing for option: '--use-file'.")]
    [InlineData(new[] { "-f", "a", "--use-file", "b" }, "Option '--use-file' expects a single argument but 2 were provided.")]
    [InlineData(new[] { "--metrics-listen", "9650" }, "--metrics-listen: '9650' is not ADDRESS:PORT (e.g. 127.0.0.1:9650 or [::1]:9650)")]
    [InlineData(new[] { "--metrics-listen", "127.0.0.1:0" }, "--metrics-listen: '127.0.0.1:0' is not ADDRESS:PORT (e.g. 127.0.0.1:9650 or [::1]:9650)")]
    [InlineData(new[] { "--config-test=maybe" }, "Cannot parse argument 'maybe' for option '--config-test' as expected type 'System.Boolean'.")]
    public void Parse_BadArgument_ClearError(string[] args, string error) =>
        ArgumentParser.Parse(args).Errors.Should().Equal(error);

    [Fact]
    public void Parse_StatusWithDaemonOption_Unrecognized() =>
        ArgumentParser.Parse(["status", "-f", "k.conf"]).Errors.Should().Equal(
            "Unrecognized command or argument '-f'.", "Unrecognized command or argument 'k.conf'.");

    [Fact]
    public void Parse_SeveralMistakes_AllReported() =>
        ArgumentParser.Parse(["--bogus", "-p", "--metrics-listen", "x"]).Errors.Should().HaveCount(3);
}
