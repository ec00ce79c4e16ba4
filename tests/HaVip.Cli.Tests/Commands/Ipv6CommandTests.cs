using HaVip.Cli.Tests.Fixtures;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Commands;

/// <summary>
/// `havip vip create --ip-version ipv6` in a dual-stack subnet, the NIC's IPv6 address in
/// `instance show`, and `havip subnet update --ipv6-cidr` making an IPv4-only subnet dual-stack.
/// </summary>
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

    [Fact]
    public async Task InstanceCreate_NicWithChosenIpv6_OrBothFamilies_GetsThem_AndTwoOfAFamilyIsRefused()
    {
        var vpc = await _cli.JsonAsync<VpcDto>("vpc", "create", "--name", "v6nic", "--cidr", "10.0.0.0/16");
        var subnet = await _cli.JsonAsync<SubnetDto>("subnet", "create", "--vpc", vpc.Id, "--name", "dual", "--cidr", "10.0.1.0/24", "--ipv6-cidr", "fd00:10:1::/64");

        var v6Only = await _cli.JsonAsync<InstanceDto>("instance", "create", "--name", "a", "--vpc", vpc.Id, "--nic", $"{subnet.Id}:fd00:10:1::abcd");
        var both = await _cli.JsonAsync<InstanceDto>("instance", "create", "--name", "b", "--vpc", vpc.Id, "--nic", $"{subnet.Id}:10.0.1.50,FD00:10:1::50");
        var twoV4 = await _cli.RunAsync("instance", "create", "--name", "c", "--vpc", vpc.Id, "--nic", $"{subnet.Id}:10.0.1.51,10.0.1.52");
        var badV6 = await _cli.RunAsync("instance", "create", "--name", "d", "--vpc", vpc.Id, "--nic", $"{subnet.Id}:fd00:10:2::1");

        v6Only.Nics[0].Ipv6Address.Should().Be("fd00:10:1::abcd");
        v6Only.Nics[0].IpAddress.Should().StartWith("10.0.1.", "the IPv4 address is still allocated");
        both.Nics[0].IpAddress.Should().Be("10.0.1.50");
        both.Nics[0].Ipv6Address.Should().Be("fd00:10:1::50");
        twoV4.ExitCode.Should().NotBe(0);
        twoV4.Error.Should().Contain("one IPv4 and one IPv6 address");
        badV6.ExitCode.Should().Be(1);
        badV6.Error.Should().Contain("IpNotInSubnet").And.Contain("ipv6Address");
        (await _cli.JsonAsync<Page<InstanceDto>>("instance", "list", "--vpc", vpc.Id)).Items.Should().HaveCount(2, "the refused ones created nothing");
    }

    [Fact]
    public async Task SubnetUpdate_Ipv6Cidr_MakesItDualStack_NicsGetIpv6_AndBothFamiliesShow()
    {
        var vpc = await _cli.JsonAsync<VpcDto>("vpc", "create", "--name", "v6up", "--cidr", "10.0.0.0/16");
        var subnet = await _cli.JsonAsync<SubnetDto>("subnet", "create", "--vpc", vpc.Id, "--name", "late", "--cidr", "10.0.3.0/24");
        var vm = await _cli.JsonAsync<InstanceDto>("instance", "create", "--name", "old-vm", "--vpc", vpc.Id, "--nic", subnet.Id);

        var updated = await _cli.RunAsync("subnet", "update", subnet.Id, "--ipv6-cidr", "fd00:10:3::/64");

        updated.ExitCode.Should().Be(0, updated.ToString());
        updated.Out.Should().Contain("fd00:10:3::/64").And.Contain("fd00:10:3::1", "the detail shows the IPv6 gateway")
            .And.Contain($"havip instance list --subnet {subnet.Id}");
        (await _cli.RunAsync("instance", "show", vm.Id)).Out.Should().Contain("eth0 10.0.3.2 fd00:10:3::2", "the NIC already there got an IPv6 address");
        var listed = (await _cli.RunAsync("subnet", "list", "--vpc", vpc.Id)).Out;
        listed.Should().Contain("ipv6 cidr").And.Contain("10.0.3.0/24").And.Contain("fd00:10:3::/64");
        (await _cli.JsonAsync<SubnetDto>("subnet", "show", subnet.Id)).Ipv6Cidr.Should().Be("fd00:10:3::/64");
        var vip = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "late6", "--subnet", subnet.Id, "--ip-version", "ipv6", "--instance", vm.Id);
        vip.IpAddress.Should().Be("fd00:10:3::3");
    }

    [Fact]
    public async Task SubnetUpdate_AnotherPrefix_OrNotAPrefix_PrintsTheProblem_AndChangesNothing()
    {
        var vpc = await _cli.JsonAsync<VpcDto>("vpc", "create", "--name", "v6bad", "--cidr", "10.0.0.0/16");
        var subnet = await _cli.JsonAsync<SubnetDto>("subnet", "create", "--vpc", vpc.Id, "--name", "dual", "--cidr", "10.0.4.0/24", "--ipv6-cidr", "fd00:10:4::/64");
        var plain = await _cli.JsonAsync<SubnetDto>("subnet", "create", "--vpc", vpc.Id, "--name", "plain", "--cidr", "10.0.5.0/24");

        var another = await _cli.RunAsync("subnet", "update", subnet.Id, "--ipv6-cidr", "fd00:10:5::/64");
        var overlap = await _cli.RunAsync("subnet", "update", plain.Id, "--ipv6-cidr", "fd00:10:4::/64");
        var notSlash64 = await _cli.RunAsync("subnet", "update", plain.Id, "--ipv6-cidr", "fd00:10:5::/48");
        var missing = await _cli.RunAsync("subnet", "update", plain.Id);

        another.ExitCode.Should().Be(1, another.ToString());
        another.Error.Should().Contain("InvalidState");
        overlap.ExitCode.Should().Be(1, overlap.ToString());
        overlap.Error.Should().Contain("CidrOverlap");
        notSlash64.ExitCode.Should().Be(1, notSlash64.ToString());
        notSlash64.Error.Should().Contain("InvalidParameter").And.Contain("ipv6Cidr:");
        missing.ExitCode.Should().NotBe(0);
        missing.Error.Should().Contain("--ipv6-cidr");
        (await _cli.JsonAsync<SubnetDto>("subnet", "show", subnet.Id)).Ipv6Cidr.Should().Be("fd00:10:4::/64");
        (await _cli.JsonAsync<SubnetDto>("subnet", "show", plain.Id)).Ipv6Cidr.Should().BeNull();
    }
}
