using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Security;

/// <summary>Names and remarks refuse bidi controls and control characters, which make the console show "evil" as "live".</summary>
public sealed class NameCharacterTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    public static TheoryData<string> Forbidden => new()
    {
        "li\u202Eevil",   // right-to-left override
        "a\u2066b",       // left-to-right isolate
        "a\u200Fb",       // right-to-left mark
        "a\u061Cb",       // Arabic letter mark
        "a\u0007b",       // C0 control
        "a\u0085b",       // C1 control
        "a\nb",
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task HaVipCreate_RefusesTheCharacter_NamingTheField(string text)
    {
        var (_, subnet) = await _api.NetworkAsync();

        var byName = await _api.PostAsync("/v1/havips", new CreateHaVipRequest(text, subnet.Type, subnet.Id));
        var byRemark = await _api.PostAsync("/v1/havips", new CreateHaVipRequest("ok", subnet.Type, subnet.Id, Remark: text));

        await ExpectInvalidCharacterAsync(byName, "name");
        await ExpectInvalidCharacterAsync(byRemark, "remark");
    }

    [Fact]
    public async Task HaVipRename_RefusesABidiOverride_AndKeepsTheName()
    {
        var (_, subnet) = await _api.NetworkAsync();
        var vip = await _api.HaVipAsync(subnet, name: "live");

        await ExpectInvalidCharacterAsync(await _api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest(Name: "\u202Eevil")), "name");
        await ExpectInvalidCharacterAsync(await _api.PatchAsync($"/v1/havips/{vip.Id}", new UpdateHaVipRequest(Remark: "x\u2069")), "remark");

        var stored = await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}");
        stored.Name.Should().Be("live");
    }

    [Fact]
    public async Task Inventory_Keys_AndAccounts_RefuseABidiOverride()
    {
        var vpc = await _api.VpcAsync();
        var subnet = await _api.SubnetAsync(vpc.Id);
        var instance = await _api.InstanceAsync(vpc.Id, subnet.Id);
        const string Evil = "\u202Elive";

        await ExpectInvalidCharacterAsync(await _api.PostAsync("/v1/vpcs", new CreateVpcRequest(Evil, "10.9.0.0/16")), "name");
        await ExpectInvalidCharacterAsync(await _api.PostAsync("/v1/subnets", new CreateSubnetRequest(vpc.Id, Evil, "10.0.9.0/24", NetworkType.Internal)), "name");
        await ExpectInvalidCharacterAsync(await _api.PostAsync("/v1/instances", new CreateInstanceRequest(Evil, vpc.Id, [])), "name");
        await ExpectInvalidCharacterAsync(await _api.PatchAsync($"/v1/instances/{instance.Id}", new UpdateInstanceRequest(Name: Evil)), "name");
        await ExpectInvalidCharacterAsync(await _api.PostAsync("/v1/keys", new CreateApiKeyRequest(Evil)), "name");
        await ExpectInvalidCharacterAsync(await _api.PostAsync("/v1/accounts", new CreateAccountRequest(Evil)), "name");
    }

    private static async Task ExpectInvalidCharacterAsync(HttpResponseMessage response, string field)
    {
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidCharacter");
        problem.Errors.Should().ContainKey(field);
    }
}
