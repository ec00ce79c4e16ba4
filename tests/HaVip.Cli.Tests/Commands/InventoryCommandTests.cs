using HaVip.Cli.Tests.Fixtures;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Commands;

/// <summary>`havip vpc|subnet|instance …` against a real server: tables for people, the DTOs as JSON.</summary>
public sealed class InventoryCommandTests(ServerFixture server)
{
    private readonly CliRunner _cli = new(server.Address);

    [Fact]
    public async Task Vpc_CreateShowListDelete_TablesAndJson()
    {
        var created = await _cli.RunAsync("vpc", "create", "--name", "table-vpc", "--cidr", "10.20.0.0/16");
        created.ExitCode.Should().Be(0, created.ToString());
        created.Out.Should().Contain("table-vpc").And.Contain("10.20.0.0/16");
        var id = (await _cli.JsonAsync<Page<VpcDto>>("vpc", "list")).Items.Single(v => v.Name == "table-vpc").Id;

        var shown = await _cli.JsonAsync<VpcDto>("vpc", "show", id);
        shown.Should().BeEquivalentTo(new { Id = id, Name = "table-vpc", Cidr = "10.20.0.0/16" });
        (await _cli.RunAsync("vpc", "list")).Out.Should().Contain(id).And.Contain("table-vpc");

        var deleted = await _cli.RunAsync("vpc", "delete", id);
        deleted.ExitCode.Should().Be(0, deleted.ToString());
        deleted.Out.Should().Contain($"deleted {id}");
        var gone = await _cli.RunAsync("vpc", "show", id);
        gone.ExitCode.Should().Be(1);
        gone.Error.Should().Contain("NotFound");
    }

    [Fact]
    public async Task Subnet_CreateListShow_TablesAndJson()
    {
        var vpc = await _cli.JsonAsync<VpcDto>("vpc", "create", "--name", "subnets", "--cidr", "10.30.0.0/16");
        var table = await _cli.RunAsync("subnet", "create", "--vpc", vpc.Id, "--name", "ext", "--cidr", "10.30.9.0/24", "--type", "external");
        table.ExitCode.Should().Be(0, table.ToString());
        table.Out.Should().Contain("ext").And.Contain("10.30.9.0/24").And.Contain("external").And.Contain("10.30.9.1");

        var listed = await _cli.JsonAsync<Page<SubnetDto>>("subnet", "list", "--vpc", vpc.Id);
        var subnet = listed.Items.Should().ContainSingle().Subject;
        subnet.Type.Should().Be(NetworkType.External);
        (await _cli.JsonAsync<SubnetDto>("subnet", "show", subnet.Id)).Should().Be(subnet);
        (await _cli.RunAsync("subnet", "list", "--vpc", vpc.Id)).Out.Should().Contain(subnet.Id);
    }

    [Fact]
    public async Task Subnet_DeleteWhileUsed_PrintsInUseAndFails()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 1);

        var result = await _cli.RunAsync("subnet", "delete", inventory.Subnet.Id);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("InUse");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Instance_CreateWithNicAddress_RenameListDelete()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);

        var created = await _cli.RunAsync("instance", "create", "--name", "web-1", "--vpc", inventory.Vpc.Id, "--nic", $"{inventory.Subnet.Id}:10.0.1.50", "--host", "hv9");
        created.ExitCode.Should().Be(0, created.ToString());
        created.Out.Should().Contain("web-1").And.Contain("10.0.1.50").And.Contain("hv9");
        var instance = (await _cli.JsonAsync<Page<InstanceDto>>("instance", "list", "--vpc", inventory.Vpc.Id)).Items.Should().ContainSingle().Subject;
        instance.Nics.Should().ContainSingle().Which.IpAddress.Should().Be("10.0.1.50");

        var renamed = await _cli.JsonAsync<InstanceDto>("instance", "rename", instance.Id, "web-2");
        renamed.Name.Should().Be("web-2");
        (await _cli.RunAsync("instance", "show", instance.Id)).Out.Should().Contain("web-2").And.Contain("eth0 10.0.1.50");
        (await _cli.RunAsync("instance", "list", "--subnet", inventory.Subnet.Id)).Out.Should().Contain(instance.Id);

        (await _cli.RunAsync("instance", "delete", instance.Id)).ExitCode.Should().Be(0);
        (await _cli.JsonAsync<Page<InstanceDto>>("instance", "list", "--vpc", inventory.Vpc.Id)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Instance_NicAddressOutsideSubnet_PrintsProblemAndFieldError()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);

        var result = await _cli.RunAsync("instance", "create", "--name", "x", "--vpc", inventory.Vpc.Id, "--nic", $"{inventory.Subnet.Id}:10.9.9.9");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("IpNotInSubnet").And.Contain("10.9.9.9");
    }
}
