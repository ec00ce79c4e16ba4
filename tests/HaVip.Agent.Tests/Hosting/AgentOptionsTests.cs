using HaVip.Agent.Hosting;

namespace HaVip.Agent.Tests.Hosting;

public sealed class AgentOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("havip-agent-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parse_KeyFile_ReadsTheKeyTrimmed()
    {
        var file = Path.Combine(_dir, "agent.key");
        File.WriteAllText(file, "hvk_abc123\n");

        var options = AgentOptions.Parse(["--host", "hv1", "--underlay", "10.0.0.1", "--server", "http://s", "--key-file", file], out var error);

        error.Should().BeEmpty();
        options!.Key.Should().Be("hvk_abc123");
    }

    [Fact]
    public void Parse_MissingKeyFile_IsAnErrorNamingTheFile()
    {
        var file = Path.Combine(_dir, "missing.key");

        var options = AgentOptions.Parse(["--host", "hv1", "--underlay", "10.0.0.1", "--server", "http://s", "--key-file", file], out var error);

        options.Should().BeNull();
        error.Should().Contain(file);
    }

    [Fact]
    public void Parse_VerifyInterval_DefaultsTo10Seconds_TakesSeconds_RefusesNonsense()
    {
        var file = Path.Combine(_dir, "agent.key");
        File.WriteAllText(file, "hvk_abc123\n");
        string[] required = ["--host", "hv1", "--underlay", "10.0.0.1", "--server", "http://s", "--key-file", file];

        AgentOptions.Parse(required, out _)!.Verify.Should().Be(TimeSpan.FromSeconds(10));
        AgentOptions.Parse([.. required, "--verify-interval", "1.5"], out _)!.Verify.Should().Be(TimeSpan.FromSeconds(1.5));
        foreach (var bad in new[] { "0", "-1", "ten", "7200" })
        {
            AgentOptions.Parse([.. required, "--verify-interval", bad], out var error).Should().BeNull();
            error.Should().Contain("--verify-interval").And.Contain(bad);
        }
    }

    [Fact]
    public void Parse_Arbitration_OnUnlessOffOrDecisions_RefusesNonsense()
    {
        var file = Path.Combine(_dir, "agent.key");
        File.WriteAllText(file, "hvk_abc123\n");
        string[] required = ["--host", "hv1", "--underlay", "10.0.0.1", "--server", "http://s", "--key-file", file];

        AgentOptions.Parse(required, out _)!.Should().Match<AgentOptions>(o => o.Arbitration && o.Silence);
        AgentOptions.Parse([.. required, "--arbitration", "on"], out _)!.Should().Match<AgentOptions>(o => o.Arbitration && o.Silence);
        AgentOptions.Parse([.. required, "--arbitration", "off"], out _)!.Should().Match<AgentOptions>(o => !o.Arbitration && !o.Silence);
        AgentOptions.Parse([.. required, "--arbitration", "decisions"], out _)!.Should().Match<AgentOptions>(o => o.Arbitration && !o.Silence);
        AgentOptions.Parse([.. required, "--arbitration", "no"], out var error).Should().BeNull();
        error.Should().Contain("--arbitration").And.Contain("'no'");
    }
}
