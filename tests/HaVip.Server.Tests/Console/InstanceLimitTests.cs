using Bunit;
using HaVip.Server.Console.Pages.Vips;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HaVip.Server.Tests.Console;

public sealed class InstanceLimitTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ConsoleContext _ctx = new();

    [Fact]
    public async Task Wizard_ThreeSelected_DisablesEveryOtherInstance()
    {
        var (vpc, subnet) = await _ctx.Api.NetworkAsync();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await _ctx.Api.InstanceAsync(vpc.Id, subnet.Id, name: $"vm-{i}")).Id);
        }
        var cut = _ctx.Render<CreateVipForm>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=instance-choice]").Should().HaveCount(4), Wait);

        foreach (var id in ids.Take(3))
        {
            cut.Find($"[data-instance={id}] input").Change(true);
        }

        cut.WaitForAssertion(() =>
        {
            cut.Find("[data-testid=instance-picker]").TextContent.Should().Contain("3 of 3 selected");
            cut.Find($"[data-instance={ids[3]}]").GetAttribute("data-disabled").Should().Be("true");
            cut.Find($"[data-instance={ids[3]}] input").HasAttribute("disabled").Should().BeTrue();
            cut.Find($"[data-instance={ids[3]}]").TextContent.Should().Contain("a HAVIP has at most 3 instances");
            cut.Find($"[data-instance={ids[0]}]").GetAttribute("data-disabled").Should().Be("false", "a selected instance can always be unselected");
        }, Wait);
        cut.Find($"[data-instance={ids[0]}] input").Change(false);
        cut.WaitForAssertion(() => cut.Find($"[data-instance={ids[3]}]").GetAttribute("data-disabled").Should().Be("false"), Wait);
    }

    [Fact]
    public async Task Wizard_InstanceHoldingFive_ShowsItsCountAndIsDisabled()
    {
        var (vpc, subnet) = await _ctx.Api.NetworkAsync();
        var full = await _ctx.Api.InstanceAsync(vpc.Id, subnet.Id, name: "full");
        var free = await _ctx.Api.InstanceAsync(vpc.Id, subnet.Id, name: "free");
        for (var i = 0; i < 5; i++)
        {
            await _ctx.Api.HaVipAsync(subnet, instanceIds: [full.Id], name: $"vip-{i}");
        }
        await _ctx.Api.HaVipAsync(subnet, instanceIds: [free.Id], name: "one");

        var cut = _ctx.Render<CreateVipForm>();

        cut.WaitForAssertion(() =>
        {
            cut.Find($"[data-instance={full.Id}]").TextContent.Should().Contain("5 of 5 HAVIPs").And.Contain("holds 5 HAVIPs, the most an instance can");
            cut.Find($"[data-instance={full.Id}] input").HasAttribute("disabled").Should().BeTrue();
            cut.Find($"[data-instance={free.Id}]").TextContent.Should().Contain("1 of 5 HAVIPs");
            cut.Find($"[data-instance={free.Id}] input").HasAttribute("disabled").Should().BeFalse();
        }, Wait);
    }

    [Fact]
    public async Task InstancesDialog_FullInstanceAlreadyBound_StaysSelectable()
    {
        var (vpc, subnet) = await _ctx.Api.NetworkAsync();
        var full = await _ctx.Api.InstanceAsync(vpc.Id, subnet.Id, name: "full");
        HaVip.Contracts.Api.HaVipDto? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await _ctx.Api.HaVipAsync(subnet, instanceIds: [full.Id], name: $"vip-{i}");
        }

        var cut = await ShowInstancesDialogAsync(last!, null);

        cut.WaitForAssertion(() =>
        {
            cut.Find($"[data-instance={full.Id}]").GetAttribute("data-disabled").Should().Be("false");
            cut.Find($"[data-instance={full.Id}]").TextContent.Should().Contain("5 of 5 HAVIPs");
        }, Wait);
    }

    [Fact]
    public async Task InstancesDialog_RemovingTheMaster_AsksFirst()
    {
        var (vpc, subnet) = await _ctx.Api.NetworkAsync();
        var a = await _ctx.Api.InstanceAsync(vpc.Id, subnet.Id, name: "a");
        var b = await _ctx.Api.InstanceAsync(vpc.Id, subnet.Id, name: "b");
        var vip = await _ctx.Api.HaVipAsync(subnet, instanceIds: [a.Id, b.Id]);
        await _ctx.App.ScopedAsync(async sp =>
        {
            await sp.GetRequiredService<HaVip.Server.Agents.ReportBatcher>().HolderAsync(new HaVip.Server.Agents.HolderSeen(vip.Id, a.Id, DateTime.UtcNow), CancellationToken.None);
            return true;
        });
        vip = await _ctx.Api.GetAsync<HaVip.Contracts.Api.HaVipDto>($"/v1/havips/{vip.Id}");
        vip.MasterInstanceId.Should().Be(a.Id);
        var cut = await ShowInstancesDialogAsync(vip, vip.MasterInstanceId);
        cut.WaitForElement($"[data-instance={a.Id}] input", Wait).Change(false);

        cut.Find("[data-testid=save-instances]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=master-warning]").TextContent.Should().Contain("a is the current master"), Wait);
        (await _ctx.Api.GetAsync<HaVip.Contracts.Api.HaVipDto>($"/v1/havips/{vip.Id}")).InstanceIds.Should().Contain(a.Id, "nothing changes before the second confirmation");
        cut.Find("[data-testid=save-instances]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=instances-dialog]").Should().BeEmpty(), Wait);
        (await _ctx.Api.GetAsync<HaVip.Contracts.Api.HaVipDto>($"/v1/havips/{vip.Id}")).InstanceIds.Should().Equal(b.Id);
    }

    private async Task<IRenderedComponent<Bunit.Rendering.ContainerFragment>> ShowInstancesDialogAsync(HaVip.Contracts.Api.HaVipDto vip, string? master)
    {
        var cut = _ctx.Render<MudText>();
        var dialogs = _ctx.Bunit.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<InstancesDialog>
        {
            { d => d.Id, vip.Id }, { d => d.Name, vip.Name }, { d => d.SubnetId, vip.SubnetId },
            { d => d.Bound, vip.InstanceIds }, { d => d.MasterInstanceId, master },
        };
        await cut.InvokeAsync(() => dialogs.ShowAsync<InstancesDialog>("Instances", parameters));
        cut.WaitForElement("[data-testid=instance-picker]", Wait);
        return cut;
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
