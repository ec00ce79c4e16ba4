using System.Net;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

/// <summary>A null where the API expects an object or an id, inside a list, is a 400 naming the element, never a 500.</summary>
public sealed class NullElementTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Theory]
    [InlineData("nics")]
    [InlineData("instanceIds")]
    [InlineData("ids")]
    [InlineData("replace")]
    public async Task NullInList_Is400NamingTheElement(string list)
    {
        var (vpc, subnet) = await _api.NetworkAsync();
        var vip = await _api.HaVipAsync(subnet);
        var (method, path, json) = list switch
        {
            "nics" => (HttpMethod.Post, "/v1/instances", $$"""{"name":"vm","vpcId":"{{vpc.Id}}","nics":[null]}"""),
            "instanceIds" => (HttpMethod.Post, "/v1/havips", $$"""{"name":"v","type":"internal","subnetId":"{{subnet.Id}}","instanceIds":[null]}"""),
            "ids" => (HttpMethod.Post, "/v1/havips/batch-delete", """{"ids":[null]}"""),
            _ => (HttpMethod.Put, $"/v1/havips/{vip.Id}/instances", """{"instanceIds":["i-x",null]}"""),
        };
        var field = list switch
        {
            "replace" => "instanceIds[1]",
            _ => $"{list}[0]",
        };

        var response = await _api.Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors.Should().ContainKey(field);
    }
}
