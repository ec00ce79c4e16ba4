using Bunit;
using HaVip.Contracts.Api;
using HaVip.Server.Console.Pages.Vips;

namespace HaVip.Server.Tests.Console;

public sealed class CreateVipFormTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ConsoleContext _ctx = new();

    [Theory]
    [InlineData("10.0.241.5", "is not inside subnet")]
    [InlineData("10.0.240.1", "is reserved in subnet")]
    [InlineData("10.0.240.255", "is reserved in subnet")]
    [InlineData("10.0.240.2", "is already used in subnet")]
    [InlineData("10.0.240.300", "is not an IPv4 address")]
    public async Task IpAddress_BreakingARule_IsReportedLiveUnderTheField(string ip, string message)
    {
        var (vpc, subnet) = await _ctx.Api.NetworkAsync();
        await _ctx.Api.InstanceAsync(vpc.Id, subnet.Id, ip: "10.0.240.2");
        var cut = _ctx.Render<CreateVipForm>();

        cut.WaitForElement("[data-testid=vip-ip] input", Wait).Input(ip);

        cut.WaitForAssertion(() => cut.Find("[data-testid=vip-ip]").TextContent.Should().Contain(message), Wait);
        cut.Find("[data-testid=vip-ip] .mud-input-error").Should().NotBeNull();
    }

    [Fact]
    public async Task IpAddress_FreeOne_IsConfirmedLive()
    {
        await _ctx.Api.NetworkAsync();
        var cut = _ctx.Render<CreateVipForm>();

        cut.WaitForElement("[data-testid=vip-ip] input", Wait).Input("10.0.240.77");

        cut.WaitForAssertion(() => cut.Find("[data-testid=vip-ip]").TextContent.Should().Contain("10.0.240.77 is free in 10.0.240.0/24"), Wait);
        cut.FindAll("[data-testid=vip-ip] .mud-input-error").Should().BeEmpty();
    }

    [Fact]
    public async Task Suggest_FillsTheLowestFreeAddress()
    {
        var (vpc, subnet) = await _ctx.Api.NetworkAsync();
        await _ctx.Api.InstanceAsync(vpc.Id, subnet.Id, ip: "10.0.240.2");
        await _ctx.Api.HaVipAsync(subnet, ip: "10.0.240.3");
        var cut = _ctx.Render<CreateVipForm>();

        cut.WaitForElement("[data-testid=suggest-ip]", Wait).Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=vip-ip] input").GetAttribute("value").Should().Be("10.0.240.4"), Wait);
    }

    [Fact]
    public async Task Confirm_WithoutName_ShowsTheServersErrorNextToNameAndCreatesNothing()
    {
        await _ctx.Api.NetworkAsync();
        var cut = _ctx.Render<CreateVipForm>();

        cut.WaitForElement("[data-testid=confirm-create]", Wait).Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=vip-name]").TextContent.Should().Contain("name is required"), Wait);
        (await _ctx.Api.GetAsync<Page<HaVipDto>>("/v1/havips")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task TypeExternal_OffersOnlyExternalSubnetsAndTheirInstances()
    {
        var (vpc, inside) = await _ctx.Api.NetworkAsync();
        var outside = await _ctx.Api.SubnetAsync(vpc.Id, "192.168.177.0/24", NetworkType.External);
        var internalOnly = await _ctx.Api.InstanceAsync(vpc.Id, inside.Id, name: "inside-only");
        var external = await _ctx.Api.InstanceAsync(vpc.Id, outside.Id, name: "outside");
        var cut = _ctx.Render<CreateVipForm>();
        cut.WaitForAssertion(() => cut.FindAll($"[data-instance={internalOnly.Id}]").Should().ContainSingle(), Wait);

        cut.FindAll("[data-testid=vip-type] input")[1].Click();

        cut.WaitForAssertion(() =>
        {
            cut.FindAll($"[data-instance={external.Id}]").Should().ContainSingle();
            cut.FindAll($"[data-instance={internalOnly.Id}]").Should().BeEmpty();
            cut.Find("[data-testid=vip-subnet]").TextContent.Should().Contain("192.168.177.0/24");
        }, Wait);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
