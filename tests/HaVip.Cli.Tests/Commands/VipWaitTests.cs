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
    public async Task CreateWait_NeverSettles_GivesUpAtTheTimeoutAndExits1()
    {
        // A stand-in server whose HAVIP stays creating: what --timeout does, whatever the real server's deadline.
        const string creating = """
            { "id": "havip-slow", "name": "w", "remark": "", "type": "internal", "vpcId": "vpc-1", "subnetId": "subnet-1",
              "ipAddress": "10.0.1.2", "status": "creating", "statusReason": null, "instanceIds": [], "masterInstanceId": null,
              "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z" }
            """;
        var fake = new FakeServer(_ => FakeServer.Json(System.Net.HttpStatusCode.OK, creating));
        var cli = new CliRunner(new Uri("http://127.0.0.1:9")) { Handler = fake };

        var result = await cli.RunAsync("vip", "create", "--name", "w", "--subnet", "subnet-1", "--type", "internal", "--wait", "--timeout", "1");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("gave up after 1 s").And.Contain("still creating");
        fake.Requests.Count(r => r.Method == HttpMethod.Get).Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task DeleteWait_HostsStillRemoving_FollowsUntilGone()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 1, host: "hv-gone");
        var vip = (await _cli.RunAsync("vip", "create", "--name", "w", "--subnet", inventory.Subnet.Id,
            "--instance", inventory.Instances[0].Id, "--wait", "--output", "json")).Json<HaVipDto>();

        var result = await _cli.RunAsync("vip", "delete", vip.Id, "--wait");

        result.ExitCode.Should().Be(0, result.ToString());
        // "gone" is printed only while following: the command waited, and ended once the HAVIP was removed.
        result.Out.Should().Contain($"{vip.Id}: gone").And.Contain($"deleted {vip.Id}");
        (await _cli.RunAsync("vip", "show", vip.Id)).Error.Should().Contain("NotFound");
    }
}
