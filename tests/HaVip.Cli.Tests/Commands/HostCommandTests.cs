using HaVip.Cli.Tests.Fixtures;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Commands;

/// <summary>`havip host list|show` against a real server: a host named by an instance that no agent registered.</summary>
public sealed class HostCommandTests(ServerFixture server)
{
    private readonly CliRunner _cli = new(server.Address);

    [Fact]
    public async Task Host_ListAndShow_UnknownHostOfAnInstance_TablesJsonAndHostNotFound()
    {
        var vpc = await _cli.JsonAsync<VpcDto>("vpc", "create", "--name", "hosts", "--cidr", "10.40.0.0/16");
        var subnet = await _cli.JsonAsync<SubnetDto>("subnet", "create", "--vpc", vpc.Id, "--name", "hosts", "--cidr", "10.40.1.0/24");
        (await _cli.RunAsync("instance", "create", "--name", "vm", "--vpc", vpc.Id, "--nic", subnet.Id, "--host", "cli-hv9")).ExitCode.Should().Be(0);

        var unknown = await _cli.JsonAsync<Page<HostDto>>("host", "list", "--state", "unknown");
        unknown.Items.Should().ContainSingle(h => h.Name == "cli-hv9").Which.Should().BeEquivalentTo(new { State = HostState.Unknown, Instances = 1 });
        (await _cli.RunAsync("host", "list")).Out.Should().Contain("cli-hv9").And.Contain("unknown");
        var shown = await _cli.RunAsync("host", "show", "cli-hv9");
        shown.ExitCode.Should().Be(0, shown.ToString());
        shown.Out.Should().Contain("cli-hv9").And.Contain("unknown");
        var missing = await _cli.RunAsync("host", "show", "nowhere");
        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain("HostNotFound");
    }
}
