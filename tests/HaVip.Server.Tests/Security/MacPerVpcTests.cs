using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Auth;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Security;

/// <summary>A MAC is unique within a VPC: one tenant's MACs neither block nor reveal another's.</summary>
public sealed class MacPerVpcTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private const string Mac = "02:aa:bb:cc:dd:01";

    [Fact]
    public async Task TwoAccounts_UseTheSameMac_InTheirOwnVpcs()
    {
        var tenants = await Tenants.CreateAsync(app);
        var (vpcA, subnetA) = await tenants.A.NetworkAsync();
        var (vpcB, subnetB) = await tenants.B.NetworkAsync();

        var a = await tenants.A.ReadAsync<InstanceDto>(await CreateAsync(tenants.A, vpcA, subnetA, "a"), HttpStatusCode.Created);
        var response = await CreateAsync(tenants.B, vpcB, subnetB, "b");

        var b = await tenants.B.ReadAsync<InstanceDto>(response, HttpStatusCode.Created);
        a.Nics[0].MacAddress.Should().Be(Mac);
        b.Nics[0].MacAddress.Should().Be(Mac);
    }

    [Fact]
    public async Task SameVpc_IsAConflict_NamingNoOtherAccount()
    {
        var tenants = await Tenants.CreateAsync(app);
        var (vpcA, subnetA) = await tenants.A.NetworkAsync();
        var (vpcB, subnetB) = await tenants.B.NetworkAsync();
        var a = await tenants.A.ReadAsync<InstanceDto>(await CreateAsync(tenants.A, vpcA, subnetA, "a"), HttpStatusCode.Created);
        await tenants.B.ReadAsync<InstanceDto>(await CreateAsync(tenants.B, vpcB, subnetB, "b1"), HttpStatusCode.Created);

        var response = await CreateAsync(tenants.B, vpcB, subnetB, "b2");

        var text = await response.Content.ReadAsStringAsync();
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Conflict);
        problem.Code.Should().Be("MacInUse");
        problem.Errors.Should().ContainKey("nics[0].macAddress");
        text.Should().NotContain(a.Id).And.NotContain(tenants.AccountA).And.NotContain(vpcA.Id);
    }

    [Fact]
    public async Task OneAccount_TwoVpcs_MayReuseAMac()
    {
        var api = app.Api;
        var (vpc1, subnet1) = await api.NetworkAsync();
        var (vpc2, subnet2) = await api.NetworkAsync();

        await api.ReadAsync<InstanceDto>(await CreateAsync(api, vpc1, subnet1, "one"), HttpStatusCode.Created);
        await api.ReadAsync<InstanceDto>(await CreateAsync(api, vpc2, subnet2, "two"), HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> CreateAsync(ApiClient api, VpcDto vpc, SubnetDto subnet, string name) =>
        api.PostAsync("/v1/instances", new CreateInstanceRequest(name, vpc.Id, [new CreateNicRequest(subnet.Id, MacAddress: Mac)]));
}
