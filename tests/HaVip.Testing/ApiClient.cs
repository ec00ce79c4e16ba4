using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AwesomeAssertions;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Testing;

/// <summary>
/// The REST API at the HTTP level, for tests that assert status codes and problem bodies, and
/// builders for a small inventory. <see cref="Typed"/> is the typed client the CLI and the lab use.
/// </summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>The shipped typed client over the same connection (and key).</summary>
    public HaVipApiClient Typed { get; } = new(http);

    public static JsonSerializerOptions Json => ApiJson.Options;

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PatchAsync(string path, object body) => Http.PatchAsJsonAsync(path, body, Json);

    public Task<HttpResponseMessage> PutAsync(string path, object body) => Http.PutAsJsonAsync(path, body, Json);

    public async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    public async Task<T> GetAsync<T>(string path) => await ReadAsync<T>(await Http.GetAsync(path));

    public async Task<VpcDto> VpcAsync(string cidr = "10.0.0.0/16") =>
        await ReadAsync<VpcDto>(await PostAsync("/v1/vpcs", new CreateVpcRequest("vpc", cidr)), HttpStatusCode.Created);

    public async Task<SubnetDto> SubnetAsync(string vpcId, string cidr = "10.0.240.0/24", NetworkType type = NetworkType.Internal) =>
        await ReadAsync<SubnetDto>(await PostAsync("/v1/subnets", new CreateSubnetRequest(vpcId, "subnet", cidr, type)), HttpStatusCode.Created);

    public async Task<InstanceDto> InstanceAsync(string vpcId, string subnetId, string? ip = null, string? host = null, string name = "vm") =>
        await ReadAsync<InstanceDto>(await PostAsync("/v1/instances", new CreateInstanceRequest(name, vpcId, [new CreateNicRequest(subnetId, IpAddress: ip)], host)), HttpStatusCode.Created);

    public async Task<HaVipDto> HaVipAsync(SubnetDto subnet, string? ip = null, IReadOnlyList<string>? instanceIds = null, string name = "vip") =>
        await ReadAsync<HaVipDto>(await PostAsync("/v1/havips", new CreateHaVipRequest(name, subnet.Type, subnet.Id, IpAddress: ip, InstanceIds: instanceIds)), HttpStatusCode.Created);

    /// <summary>A VPC with one internal /24 subnet.</summary>
    public async Task<(VpcDto Vpc, SubnetDto Subnet)> NetworkAsync()
    {
        var vpc = await VpcAsync();
        return (vpc, await SubnetAsync(vpc.Id));
    }

    /// <summary>A VPC with one internal dual-stack subnet: 10.0.1.0/24 and fd00:10:1::/64.</summary>
    public async Task<(VpcDto Vpc, SubnetDto Subnet)> DualStackNetworkAsync()
    {
        var vpc = await VpcAsync();
        var subnet = await ReadAsync<SubnetDto>(await PostAsync("/v1/subnets",
            new CreateSubnetRequest(vpc.Id, "dual", "10.0.1.0/24", NetworkType.Internal, Ipv6Cidr: "fd00:10:1::/64")), HttpStatusCode.Created);
        return (vpc, subnet);
    }

    /// <summary>The response is an RFC 9457 problem with <paramref name="expected"/> status: the one problem record the CLI reads too.</summary>
    public static async Task<ApiProblem> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return ApiProblem.Parse(response.StatusCode, response.ReasonPhrase, text, response.Headers.RetryAfter?.Delta);
    }
}
