using System.Net;
using System.Text;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Security;

/// <summary>Every refused request answers a problem with a stable code, and names no internal .NET type.</summary>
public sealed class RequestErrorTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task JsonTypeError_NamesTheField_NotATypeName()
    {
        var (_, subnet) = await _api.NetworkAsync();

        var response = await _api.PostRawAsync("/v1/havips", $$"""{"name":"web","type":"internal","subnetId":"{{subnet.Id}}","instanceIds":[17]}""");

        var text = await response.Content.ReadAsStringAsync();
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors.Should().ContainKey("instanceIds[0]");
        text.Should().NotContain("HaVip.").And.NotContain("System.").And.NotContain("CreateHaVipRequest");
    }

    [Theory]
    [InlineData("""{"name": }""")]
    [InlineData("""{"name":"web","type":"sideways"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"name":{"nested":true}}""")]
    public async Task MalformedJson_IsAProblem_WithoutTypeNames(string body)
    {
        var response = await _api.PostRawAsync("/v1/havips", body);

        var text = await response.Content.ReadAsStringAsync();
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        text.Should().NotContain("HaVip.").And.NotContain("System.").And.NotContain("Request\"").And.NotContain("String");
    }

    [Fact]
    public async Task BadQueryValue_NamesTheParameter_NotItsType()
    {
        var response = await _api.Http.GetAsync("/v1/havips?pageSize=many");

        var text = await response.Content.ReadAsStringAsync();
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Errors.Should().ContainKey("pageSize");
        text.Should().NotContain("Int32").And.NotContain("int?").And.NotContain("System.");
    }

    [Fact]
    public async Task WrongContentType_Is415_WithCode()
    {
        var response = await _api.Http.PostAsync("/v1/vpcs", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        problem.Code.Should().Be("UnsupportedMediaType");
    }

    [Fact]
    public async Task OversizedBody_Is413_WithCode()
    {
        var body = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var response = await _api.PostRawAsync("/v1/vpcs", body);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        problem.Code.Should().Be("PayloadTooLarge");
    }

    [Fact]
    public async Task WrongMethod_Is405_WithCode()
    {
        var response = await _api.Http.PutAsync("/v1/vpcs", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        problem.Code.Should().Be("MethodNotAllowed");
    }

    [Fact]
    public async Task UnknownPath_Is404_WithCode()
    {
        var response = await _api.Http.GetAsync("/v1/nothing-here");

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
        problem.Code.Should().Be("NotFound");
    }
}
