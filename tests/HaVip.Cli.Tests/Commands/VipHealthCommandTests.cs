using System.Net;
using System.Text.Json;
using HaVip.Cli.Tests.Fixtures;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Commands;

/// <summary>`havip vip show` prints the VRRP panel and the findings; `havip vip list --health` filters by finding.</summary>
public sealed class VipHealthCommandTests(ServerFixture server)
{
    private static readonly DateTime Seen = new(2026, 11, 30, 5, 0, 1, DateTimeKind.Utc);

    [Fact]
    public async Task Show_PrintsOneRowPerBoundInstance_TheHolderMarked_AndEachFinding()
    {
        var vip = new HaVipDto("havip-1", "web", "", NetworkType.Internal, "vpc-1", "subnet-1", "10.0.1.100", HaVipState.Available, null,
            ["ins-a", "ins-b"], "ins-a", Seen, Seen,
            [new VrrpInstanceDto("ins-a", true, 150, 1000, 51, 2, Seen), new VrrpInstanceDto("ins-b", true, 100, 2000, 51, 2, Seen)],
            new HealthDto("findings",
            [
                new HealthFindingDto("SplitBrain", ["ins-a", "ins-b"], Seen, "2 bound instances advertise at once: ins-a (priority 150), ins-b (priority 100)."),
                new HealthFindingDto("ConfigMismatch", ["ins-b"], Seen, "advertInterval: ins-b 2000 ms, generated keepalived.conf 1000 ms."),
            ]));
        var fake = new FakeServer(_ => FakeServer.Json(HttpStatusCode.OK, JsonSerializer.Serialize(vip, ApiJson.Options)));
        var cli = new CliRunner(server.Address) { Handler = fake };

        var result = await cli.RunAsync("vip", "show", "havip-1");

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Out.Split('\n');
        lines.Should().ContainSingle(l => l.Contains("ins-a", StringComparison.Ordinal) && l.Contains("holder", StringComparison.Ordinal)
            && l.Contains("advertising", StringComparison.Ordinal) && l.Contains("150", StringComparison.Ordinal) && l.Contains("1000 ms", StringComparison.Ordinal)
            && l.Contains("2026-11-30 05:00:01Z", StringComparison.Ordinal));
        lines.Should().ContainSingle(l => l.Contains("ins-b", StringComparison.Ordinal) && l.Contains("advertising", StringComparison.Ordinal)
            && l.Contains("2000 ms", StringComparison.Ordinal) && !l.Contains("holder", StringComparison.Ordinal));
        result.Out.Should().Contain("SplitBrain").And.Contain("ConfigMismatch").And.Contain("advertInterval: ins-b 2000 ms, generated keepalived.conf 1000 ms.");
    }

    [Fact]
    public async Task Show_ASilentInstance_IsSilent()
    {
        var vip = new HaVipDto("havip-1", "web", "", NetworkType.Internal, "vpc-1", "subnet-1", "10.0.1.100", HaVipState.Available, null,
            ["ins-a"], null, Seen, Seen, [new VrrpInstanceDto("ins-a", false, null, null, null, null, null)],
            new HealthDto("findings", [new HealthFindingDto("NoMaster", ["ins-a"], Seen, "no bound instance advertises.")]));
        var cli = new CliRunner(server.Address) { Handler = new FakeServer(_ => FakeServer.Json(HttpStatusCode.OK, JsonSerializer.Serialize(vip, ApiJson.Options))) };

        var result = await cli.RunAsync("vip", "show", "havip-1");

        result.Out.Split('\n').Should().ContainSingle(l => l.Contains("ins-a", StringComparison.Ordinal) && l.Contains("silent", StringComparison.Ordinal));
        result.Out.Should().Contain("NoMaster");
    }

    [Fact]
    public async Task List_Health_AsksTheServerForThatFinding()
    {
        var fake = new FakeServer(_ => FakeServer.Json(HttpStatusCode.OK, """{ "items": [], "nextPageToken": null }"""));
        var cli = new CliRunner(server.Address) { Handler = fake };

        var result = await cli.RunAsync("vip", "list", "--health", "split-brain");

        result.ExitCode.Should().Be(0, result.ToString());
        fake.Requests.Should().ContainSingle().Which.RequestUri!.Query.Should().Contain("health=split-brain");
    }

    [Fact]
    public async Task List_UnknownHealth_PrintsTheServersProblem()
    {
        var result = await new CliRunner(server.Address).RunAsync("vip", "list", "--health", "on-fire");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("InvalidParameter").And.Contain("health");
    }
}
