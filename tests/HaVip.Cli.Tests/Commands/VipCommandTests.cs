using HaVip.Cli.Tests.Fixtures;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Commands;

/// <summary>`havip vip …` against a real server.</summary>
public sealed class VipCommandTests(ServerFixture server)
{
    private readonly CliRunner _cli = new(server.Address);

    [Fact]
    public async Task Create_Table_ShowsTheNewHaVip()
    {
        var inventory = await Inventory.CreateAsync(_cli);

        var result = await _cli.RunAsync("vip", "create", "--name", "web", "--subnet", inventory.Subnet.Id, "--ip", "10.0.1.100",
            "--instance", inventory.Instances[0].Id, "--instance", inventory.Instances[1].Id, "--remark", "front door");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain("web").And.Contain("10.0.1.100").And.Contain("front door").And.Contain("internal")
            .And.Contain(inventory.Instances[0].Id).And.Contain(inventory.Instances[1].Id);
    }

    [Fact]
    public async Task Create_Json_IsTheHaVipDtoWithTheSubnetsType()
    {
        var inventory = await Inventory.CreateAsync(_cli);

        var vip = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "json", "--subnet", inventory.Subnet.Id, "--instance", inventory.Instances[0].Id);

        vip.Type.Should().Be(NetworkType.Internal);
        vip.SubnetId.Should().Be(inventory.Subnet.Id);
        vip.InstanceIds.Should().Equal(inventory.Instances[0].Id);
        (await _cli.JsonAsync<HaVipDto>("vip", "show", vip.Id)).Id.Should().Be(vip.Id);
    }

    [Fact]
    public async Task Create_IpOutsideSubnet_PrintsIpNotInSubnetAndExits1()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);

        var result = await _cli.RunAsync("vip", "create", "--name", "bad", "--subnet", inventory.Subnet.Id, "--ip", "192.168.1.1");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("IpNotInSubnet").And.Contain("The IP address is not inside the subnet.").And.Contain("ipAddress:");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Show_UnknownId_PrintsNotFoundAndExits1()
    {
        var result = await _cli.RunAsync("vip", "show", "havip-doesnotexist");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("NotFound").And.Contain("404");
    }

    [Fact]
    public async Task Show_MissingId_IsAUsageError()
    {
        var result = await _cli.RunAsync("vip", "show");

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("Required argument missing");
    }

    [Fact]
    public async Task List_FiltersAndAllPages_ReturnEveryMatch()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", $"paged-{i}", "--subnet", inventory.Subnet.Id)).Id);
        }

        var first = await _cli.JsonAsync<Page<HaVipDto>>("vip", "list", "--subnet", inventory.Subnet.Id, "--page-size", "2");
        var all = await _cli.JsonAsync<Page<HaVipDto>>("vip", "list", "--subnet", inventory.Subnet.Id, "--page-size", "1", "--all");
        var table = await _cli.RunAsync("vip", "list", "--subnet", inventory.Subnet.Id, "--page-size", "2");

        first.Items.Should().HaveCount(2);
        first.NextPageToken.Should().NotBeNull();
        all.Items.Select(v => v.Id).Should().BeEquivalentTo(ids);
        all.NextPageToken.Should().BeNull();
        table.Out.Should().Contain("--page-token " + first.NextPageToken);
        (await _cli.JsonAsync<Page<HaVipDto>>("vip", "list", "--subnet", inventory.Subnet.Id, "--status", "deleting")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Rename_SetsNameAndRemark()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);
        var vip = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "old", "--subnet", inventory.Subnet.Id);

        var table = await _cli.RunAsync("vip", "rename", vip.Id, "new", "--remark", "renamed");
        var remarkOnly = await _cli.JsonAsync<HaVipDto>("vip", "rename", vip.Id, "--remark", "again");

        table.ExitCode.Should().Be(0, table.ToString());
        table.Out.Should().Contain("new").And.Contain("renamed");
        remarkOnly.Should().BeEquivalentTo(new { Name = "new", Remark = "again" });
    }

    [Fact]
    public async Task BindUnbindReplace_ChangeTheBoundInstances()
    {
        var inventory = await Inventory.CreateAsync(_cli);
        var (a, b, c) = (inventory.Instances[0].Id, inventory.Instances[1].Id, inventory.Instances[2].Id);
        var vip = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "binds", "--subnet", inventory.Subnet.Id, "--instance", a);

        (await _cli.JsonAsync<HaVipDto>("vip", "bind", vip.Id, b)).InstanceIds.Should().BeEquivalentTo([a, b]);
        (await _cli.JsonAsync<HaVipDto>("vip", "unbind", vip.Id, a)).InstanceIds.Should().Equal(b);
        var replaced = await _cli.RunAsync("vip", "replace", vip.Id, a, c);

        replaced.ExitCode.Should().Be(0, replaced.ToString());
        replaced.Out.Should().Contain(a).And.Contain(c).And.NotContain(b);
        var unbindAgain = await _cli.RunAsync("vip", "unbind", vip.Id, b);
        unbindAgain.ExitCode.Should().Be(1);
        unbindAgain.Error.Should().Contain("NotFound");
    }

    [Fact]
    public async Task Keepalived_Out_WritesTheConfigFile()
    {
        var inventory = await Inventory.CreateAsync(_cli);
        var vip = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "ka", "--subnet", inventory.Subnet.Id,
            "--instance", inventory.Instances[0].Id, "--instance", inventory.Instances[1].Id);
        var file = Path.Combine(Path.GetTempPath(), $"havip-ka-{Guid.NewGuid():N}.conf");
        try
        {
            var result = await _cli.RunAsync("vip", "keepalived", vip.Id, "--instance", inventory.Instances[0].Id, "--out", file);

            result.ExitCode.Should().Be(0, result.ToString());
            result.Out.Should().Contain(file);
            var config = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            config.Should().Contain("vrrp_instance").And.Contain(vip.IpAddress);
            (await _cli.RunAsync("vip", "keepalived", vip.Id, "--instance", inventory.Instances[0].Id)).Out.Should().Be(config);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Keepalived_UnboundInstance_PrintsNotFound()
    {
        var inventory = await Inventory.CreateAsync(_cli);
        var vip = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "ka2", "--subnet", inventory.Subnet.Id, "--instance", inventory.Instances[0].Id);

        var result = await _cli.RunAsync("vip", "keepalived", vip.Id, "--instance", inventory.Instances[1].Id);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("NotFound");
    }

    [Fact]
    public async Task Events_TableAndJson_ShowTheTimeline()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);
        var vip = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "timeline", "--subnet", inventory.Subnet.Id);

        var events = await _cli.JsonAsync<HaVipEventDto[]>("vip", "events", vip.Id);
        var table = await _cli.RunAsync("vip", "events", vip.Id);

        events.Should().Contain(e => e.Message.Contains(vip.IpAddress));
        table.Out.Should().Contain("created with address " + vip.IpAddress);
    }

    [Fact]
    public async Task Delete_Several_PrintsAResultPerIdAndExits1WhenOneIsRefused()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);
        var a = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "batch-a", "--subnet", inventory.Subnet.Id);
        var b = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "batch-b", "--subnet", inventory.Subnet.Id);

        var result = await _cli.RunAsync("vip", "delete", a.Id, b.Id, "havip-missing");

        result.ExitCode.Should().Be(1, result.ToString());
        var lines = result.Out.Split('\n');
        lines.Should().Contain(l => l.Contains(a.Id) && l.Contains("deleted"));
        lines.Should().Contain(l => l.Contains(b.Id) && l.Contains("deleted"));
        lines.Should().Contain(l => l.Contains("havip-missing") && l.Contains("refused") && l.Contains("NotFound"));
        (await _cli.RunAsync("vip", "show", a.Id)).Error.Should().Contain("NotFound");
    }

    [Fact]
    public async Task Delete_SeveralAsJson_IsTheBatchResponse()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);
        var a = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "batch-json", "--subnet", inventory.Subnet.Id);

        var response = await _cli.JsonAsync<BatchDeleteResponse>("vip", "delete", a.Id, a.Id);

        response.Results.Should().ContainSingle().Which.Should().BeEquivalentTo(new { a.Id, Deleted = true });
    }

    [Fact]
    public async Task Delete_One_SaysDeleted()
    {
        var inventory = await Inventory.CreateAsync(_cli, instances: 0);
        var vip = await _cli.JsonAsync<HaVipDto>("vip", "create", "--name", "single", "--subnet", inventory.Subnet.Id);

        var result = await _cli.RunAsync("vip", "delete", vip.Id);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain($"deleted {vip.Id}");
    }
}
