using HaVip.Cli.Tests.Fixtures;

namespace HaVip.Cli.Tests.Commands;

public sealed class CompletionCommandTests
{
    private readonly CliRunner _cli = new(new Uri("http://127.0.0.1:9"));

    [Theory]
    [InlineData("bash", "complete -o default -F _havip_complete havip")]
    [InlineData("zsh", "compdef _havip_complete havip")]
    public async Task Completion_Shell_PrintsAScriptUsingTheSuggestDirective(string shell, string registration)
    {
        var result = await _cli.RunRawAsync("completion", shell);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("[suggest:").And.Contain(registration);
    }

    [Fact]
    public async Task Completion_UnknownShell_IsAUsageError()
    {
        (await _cli.RunRawAsync("completion", "fish")).ExitCode.Should().NotBe(0);
    }

    [Theory]
    [InlineData("havip vip cr", "create")]
    [InlineData("havip vip list --status av", "available")]
    [InlineData("havip instance ", "rename")]
    public async Task SuggestDirective_PartialLine_OffersWhatTheScriptWouldComplete(string line, string expected)
    {
        var result = await _cli.RunRawAsync($"[suggest:{line.Length}]", line);

        result.ExitCode.Should().Be(0);
        result.Out.Split('\n', StringSplitOptions.TrimEntries).Should().Contain(expected);
    }
}
