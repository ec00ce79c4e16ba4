using HaVip.Domain.Errors;
using HaVip.Server.Console.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Console;

/// <summary>
/// A busy database is refused to the page as the API refuses it, so the circuit lives on; a bug is
/// thrown on (the console then shows its error bar).
/// </summary>
public sealed class ConsoleOpsTests
{
    [Fact]
    public async Task Run_DatabaseBusy_IsRefusedAsUnavailable_AndTheCircuitLivesOn()
    {
        await using var console = new ConsoleContext();
        var ops = console.Bunit.Services.GetRequiredService<ConsoleOps>();

        var busy = await FluentActions.Awaiting(() => ops.RunAsync<int>(_ => throw new SqliteException("database is locked", 5)))
            .Should().ThrowAsync<DomainException>();
        var bug = await FluentActions.Awaiting(() => ops.RunAsync<int>(_ => throw new ArgumentNullException("name")))
            .Should().ThrowAsync<ArgumentNullException>();
        var answered = await ops.RunAsync(_ => Task.FromResult(42));

        busy.Which.Errors.Should().ContainSingle().Which.Code.Should().Be(ErrorCode.Unavailable);
        busy.Which.Message.Should().Contain("try again");
        bug.Which.ParamName.Should().Be("name");
        answered.Should().Be(42, "the console keeps working after a refused operation");
    }
}
