using HaVip.Cli.Tests.Fixtures;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Commands;

/// <summary>`havip vip create --ip-version ipv6` in a dual-stack subnet, and the NIC's IPv6 address in `instance show`.</summary>
public sealed class Ipv6CommandTests(ServerFixture server)
{
    private readonly CliRunner _cli = new(server.Address);

    [Fact]
    public async Task VipCreate_IpVersionIpv6_GetsTheLowestFreeIpv6_AndInstanceShowsItsIpv6()
    {
        var vpc = await _cli.JsonAsync<VpcDto>("vpc", "create", "--name", "v6", "--cidr", "10.0.0.0/16");
        var subnet = await _cli.JsonAsync<SubnetDto>("subnet", "create", "--vpc", vpc.Id, "--name", "dual", "--cidr", "10.0.1.0/24", "--ipv6-cidr", "fd00:10:1::/64");
        var vm = await _cli.JsonAsync<InstanceDto>("instance", "create", "--name", "vm6", "--vpc", vpc.Id, "--nic", subnet.Id);

        var created = await _cli.RunAsync("vip", "create", "--name", "web6", "--subnet", subnet.Id, "--ip-version", "ipv6", "--instance", vm.Id);
        var refused = await _cli.RunAsync("vip", "create", "--name", "v4only", "--subnet", (await _cli.JsonAsync<SubnetDto>(
            "subnet", "create", "--vpc", vpc.Id, "--name", "plain", "--cidr", "10.0.2.0/24")).Id, "--ip-version", "ipv6");

        created.ExitCode.Should().Be(0, created.ToString());
        created.Out.Should().Contain("fd00:10:1::3").And.Contain("ipv6");
        (await _cli.RunAsync("instance", "show", vm.Id)).Out.Should().Contain("eth0 10.0.1.2 fd00:10:1::2");
        refused.ExitCode.Should().Be(1);
        refused.Error.Should().Contain("SubnetNotDualStack").And.Contain("ipVersion:");
    }
}
