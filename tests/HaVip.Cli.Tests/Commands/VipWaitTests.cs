using HaVip.Cli.Tests.Fixtures;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Commands;

/// <summary>
/// --wait follows a HAVIP until it settles. Instances without a host settle at once; instances on
/// a host with no agent never get applied, so the server fails the HAVIP at its (short) deadline.
/// </summary>
public sealed class VipWaitTests(ServerFixture server)
{
    private readonly CliRunner _cli = new(server.Address);

    [Fact]
    public async Task CreateWait_NoHostToApply_EndsAvailable()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 2);

        var result = await _cli.RunAsync("vip", "create", "--name", "w", "--subnet", inventory.Subnet.Id,
            "--instance", inventory.Instances[0].Id, "--wait");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain(": available");
    }

    [Fact]
    public async Task CreateWait_HostNeverApplies_EndsFailedAndExits1()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 1, host: "hv-without-agent");

        var result = await _cli.RunAsync("vip", "create", "--name", "w", "--subnet", inventory.Subnet.Id,
            "--instance", inventory.Instances[0].Id, "--wait", "--output", "json");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Json<HaVipDto>().Status.Should().Be(HaVipState.Failed);
        result.Error.Should().Contain("failed");
    }

    [Fact]
    public async Task CreateWait_TimeoutBeforeSettled_Exits1AndSaysSo()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 1, host: "hv-slow");

        var result = await _cli.RunAsync("vip", "create", "--name", "w", "--subnet", inventory.Subnet.Id,
            "--instance", inventory.Instances[0].Id, "--wait", "--timeout", "1");

        // The server's deadline (2 s) is later than ours (1 s): still creating when we give up.
        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("gave up").And.Contain("creating");
    }

    [Fact]
    public async Task DeleteWait_HostsStillRemoving_FollowsUntilGone()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 1, host: "hv-gone");
        var vip = (await _cli.RunAsync("vip", "create", "--name", "w", "--subnet", inventory.Subnet.Id,
            "--instance", inventory.Instances[0].Id, "--wait", "--output", "json")).Json<HaVipDto>();

        var result = await _cli.RunAsync("vip", "delete", vip.Id, "--wait");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain($"{vip.Id}: deleting").And.Contain($"{vip.Id}: gone").And.Contain($"deleted {vip.Id}");
        (await _cli.RunAsync("vip", "show", vip.Id)).Error.Should().Contain("NotFound");
    }
}
