using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// A subnet made dual-stack after its instances (<c>PATCH /v1/subnets/{id}</c> with
/// <c>ipv6Cidr</c>): its NICs get IPv6 addresses in the same change, their hosts' ports accept
/// those sources, and the instances run IPv6 HAVIPs like ones created after. SQLite, and
/// PostgreSQL when HAVIP_TEST_POSTGRES is set.
/// </summary>
public sealed class Ipv6SubnetUpgradeTests : IAsyncDisposable
{
    private const string Prefix = "fd00:10:9::/64";
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public Ipv6SubnetUpgradeTests() => _world = new AgentWorld(_app);

    private ApiClient Api => _world.Api;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AddingIpv6Prefix_GivesExistingNicsAddresses_AndTheirHostsTheSources()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var (vpc, subnet) = await Api.NetworkAsync();
        var other = await Api.SubnetAsync(vpc.Id, "10.0.2.0/24");
        var a = await Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var b = await Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "b");
        var elsewhere = await Api.InstanceAsync(vpc.Id, other.Id, host: "hv1", name: "elsewhere");
        var v4 = await Api.HaVipAsync(subnet, instanceIds: [a.Id], name: "v4");
        var before = await _world.DesiredAsync("hv1");
        before.Ports.Should().AllSatisfy(p => p.AllowedIpv6.Should().BeNull());
        await _world.AckAsync("hv1", before.Sequence);

        var patched = await Api.ReadAsync<SubnetDto>(await Api.PatchAsync($"/v1/subnets/{subnet.Id}", new UpdateSubnetRequest(Prefix)));

        (patched.Ipv6Cidr, patched.Ipv6Gateway).Should().Be((Prefix, "fd00:10:9::1"));
        (await Api.GetAsync<SubnetDto>($"/v1/subnets/{subnet.Id}")).Ipv6Cidr.Should().Be(Prefix);
        var (a6, b6) = (await Ipv6Of(a.Id), await Ipv6Of(b.Id));
        new[] { a6, b6 }.Should().BeEquivalentTo(["fd00:10:9::2", "fd00:10:9::3"], "the lowest free addresses after the gateway ::1");
        (await Ipv6Of(elsewhere.Id)).Should().BeNull("a NIC in another subnet is not touched");

        var after = await _world.DesiredAsync("hv1");
        after.Sequence.Should().BeGreaterThan(before.Sequence, "the change wakes the hosts of the subnet");
        var portA = after.Ports.Single(p => p.InstanceId == a.Id);
        portA.Ipv6Address.Should().Be(a6);
        portA.AllowedIps.Should().Equal(a.Nics[0].IpAddress, v4.IpAddress);
        portA.AllowedIpv6.Should().Equal(a6);
        after.Ports.Single(p => p.InstanceId == b.Id).AllowedIpv6.Should().Equal(b6);
        after.Ports.Single(p => p.InstanceId == elsewhere.Id).AllowedIpv6.Should().BeNull();

        // The instances now run IPv6 HAVIPs, and a NIC made later takes the next free address.
        var v6 = await Api.HaVipAsync(patched, "fd00:10:9::20", [a.Id, b.Id], "v6");
        var conf = await Api.Http.GetStringAsync($"/v1/havips/{v6.Id}/keepalived?instanceId={a.Id}");
        conf.Should().Contain($"unicast_src_ip {a6}").And.Contain(b6);
        (await _world.DesiredAsync("hv1")).Ports.Single(p => p.InstanceId == a.Id).AllowedIpv6.Should().Equal(a6, "fd00:10:9::20");
        (await Api.InstanceAsync(vpc.Id, subnet.Id, name: "c")).Nics[0].Ipv6Address.Should().Be("fd00:10:9::4");
    }

    [Fact]
    public async Task SamePrefixAgain_ChangesNothing_ButGivesANicWithoutAnAddressOne()
    {
        await _world.RegisterAsync("hv1", "10.255.0.11");
        var (vpc, subnet) = await Api.DualStackNetworkAsync();
        var a = await Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var b = await Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "b");
        var vip = await Api.HaVipAsync(subnet, "fd00:10:1::20", [a.Id, b.Id], "v6");
        var quiet = await _world.DesiredAsync("hv1");

        (await Api.PatchAsync($"/v1/subnets/{subnet.Id}", new UpdateSubnetRequest(subnet.Ipv6Cidr))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _world.DesiredAsync("hv1")).Sequence.Should().Be(quiet.Sequence, "nothing changed, so no host is woken");
        (await Ipv6Of(a.Id)).Should().Be(a.Nics[0].Ipv6Address);

        // A NIC made before NICs got IPv6 addresses (stored without one) cannot run the IPv6 HAVIP.
        await ForgetIpv6Async(b.Id);
        var problem = await ApiClient.ProblemAsync(await Api.Http.GetAsync($"/v1/havips/{vip.Id}/keepalived?instanceId={b.Id}"), HttpStatusCode.Conflict);
        problem.Code.Should().Be("InvalidState");
        problem.Detail.Should().Contain($"PATCH /v1/subnets/{subnet.Id}");

        (await Api.PatchAsync($"/v1/subnets/{subnet.Id}", new UpdateSubnetRequest(subnet.Ipv6Cidr))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Ipv6Of(b.Id)).Should().Be("fd00:10:1::3", "the lowest free: ::2 is a's, ::20 the HAVIP's");
        (await Api.Http.GetStringAsync($"/v1/havips/{vip.Id}/keepalived?instanceId={b.Id}")).Should().Contain("unicast_src_ip fd00:10:1::3");
    }

    [Theory]
    [InlineData("fd00:10:7::/64", HttpStatusCode.Conflict, "InvalidState")]
    [InlineData("fd00:10:8::/64", HttpStatusCode.Conflict, "CidrOverlap")]
    [InlineData("fd00:10:9::/48", HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData("10.0.9.0/24", HttpStatusCode.BadRequest, "InvalidParameter")]
    public async Task BadIpv6Prefix_IsRefusedWithCode_AndNothingChanges(string ipv6Cidr, HttpStatusCode status, string code)
    {
        var vpc = await Api.VpcAsync();
        var dual = await Api.ReadAsync<SubnetDto>(await Api.PostAsync("/v1/subnets",
            new CreateSubnetRequest(vpc.Id, "dual", "10.0.1.0/24", NetworkType.Internal, Ipv6Cidr: "fd00:10:8::/64")), HttpStatusCode.Created);
        var plain = await Api.SubnetAsync(vpc.Id, "10.0.2.0/24");
        var target = code == "InvalidState" ? dual : plain;
        var vm = await Api.InstanceAsync(vpc.Id, target.Id, name: "vm");

        var problem = await ApiClient.ProblemAsync(await Api.PatchAsync($"/v1/subnets/{target.Id}", new UpdateSubnetRequest(ipv6Cidr)), status);

        problem.Code.Should().Be(code);
        problem.Errors!.Keys.Should().Equal("ipv6Cidr");
        (await Api.GetAsync<SubnetDto>($"/v1/subnets/{target.Id}")).Ipv6Cidr.Should().Be(target.Ipv6Cidr);
        (await Ipv6Of(vm.Id)).Should().Be(vm.Nics[0].Ipv6Address);
    }

    [Fact]
    public async Task UnknownSubnet_IsNotFound()
    {
        var problem = await ApiClient.ProblemAsync(await Api.PatchAsync("/v1/subnets/subnet-nosuch0000", new UpdateSubnetRequest(Prefix)), HttpStatusCode.NotFound);

        problem.Code.Should().Be("NotFound");
    }

    private async Task<string?> Ipv6Of(string instanceId) => (await Api.GetAsync<InstanceDto>($"/v1/instances/{instanceId}")).Nics[0].Ipv6Address;

    /// <summary>Stores the instance's NIC without an IPv6 address, as NICs were stored before they got one.</summary>
    private Task<int> ForgetIpv6Async(string instanceId) => _app.ScopedAsync(services =>
        services.GetRequiredService<HaVipDbContext>().Nics.Where(n => n.InstanceId == instanceId)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.Ipv6Address, (string?)null), TestContext.Current.CancellationToken));
}
