using System.Text.Json.Nodes;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

/// <summary>
/// Every POST of the public API honours <c>Idempotency-Key</c>, not only HAVIP creation: the
/// retry gets the first answer (a key's secret omitted), and the change happens once.
/// </summary>
public sealed class IdempotentPostsTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private readonly ApiClient _api = app.Api;

    /// <summary>A POST to retry, and how to count what it made.</summary>
    public sealed record Case(string Path, object Body, Func<Task<int>> Count);

    public static TheoryData<string> Posts =>
        ["vpc", "subnet", "instance", "havip", "havip instance", "batch delete", "key", "account"];

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Post_RetriedWithTheSameKey_AnswersTheSame_AndChangesOnce(string post)
    {
        var retried = await CaseAsync(post);
        var key = Guid.NewGuid().ToString();
        var before = await retried.Count();

        var first = await _api.PostAsync(retried.Path, retried.Body, key);
        var retry = await _api.PostAsync(retried.Path, retried.Body, key);

        first.IsSuccessStatusCode.Should().BeTrue($"the first {post} POST succeeds (got {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()})");
        retry.StatusCode.Should().Be(first.StatusCode);
        retry.Headers.Location.Should().Be(first.Headers.Location);
        WithoutSecret(await retry.Content.ReadAsStringAsync()).Should().Be(WithoutSecret(await first.Content.ReadAsStringAsync()));
        (await retried.Count()).Should().Be(before + 1, $"the retried {post} POST changed things once");
    }

    private async Task<Case> CaseAsync(string post)
    {
        switch (post)
        {
            case "vpc":
                return new("/v1/vpcs", new CreateVpcRequest("retried", "10.9.0.0/16"), async () => (await _api.GetAsync<Page<VpcDto>>("/v1/vpcs?pageSize=100")).Items.Count);
            case "subnet":
                {
                    var vpc = await _api.VpcAsync();
                    return new("/v1/subnets", new CreateSubnetRequest(vpc.Id, "retried", "10.0.9.0/24", NetworkType.Internal),
                        async () => (await _api.GetAsync<Page<SubnetDto>>($"/v1/subnets?vpcId={vpc.Id}")).Items.Count);
                }
            case "instance":
                {
                    var (vpc, subnet) = await _api.NetworkAsync();
                    return new("/v1/instances", new CreateInstanceRequest("retried", vpc.Id, [new CreateNicRequest(subnet.Id)]),
                        async () => (await _api.GetAsync<Page<InstanceDto>>($"/v1/instances?vpcId={vpc.Id}")).Items.Count);
                }
            case "havip":
                {
                    var (vpc, subnet) = await _api.NetworkAsync();
                    return new("/v1/havips", new CreateHaVipRequest("retried", NetworkType.Internal, subnet.Id),
                        async () => (await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpc.Id}")).Items.Count);
                }
            case "havip instance":
                {
                    var (vpc, subnet) = await _api.NetworkAsync();
                    var instance = await _api.InstanceAsync(vpc.Id, subnet.Id);
                    var vip = await _api.HaVipAsync(subnet);
                    return new($"/v1/havips/{vip.Id}/instances", new AddInstanceRequest(instance.Id),
                        async () => (await _api.GetAsync<HaVipDto>($"/v1/havips/{vip.Id}")).InstanceIds.Count);
                }
            case "batch delete":
                {
                    var (vpc, subnet) = await _api.NetworkAsync();
                    var doomed = await _api.HaVipAsync(subnet, name: "doomed");
                    // Counted as deletions: the retry must not report the HAVIP it deleted as missing.
                    return new("/v1/havips/batch-delete", new BatchDeleteRequest([doomed.Id]),
                        async () => 1 - (await _api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpc.Id}")).Items.Count);
                }
            case "key":
                return new("/v1/keys", new CreateApiKeyRequest("retried"), async () => (await _api.GetAsync<Page<ApiKeyDto>>("/v1/keys?pageSize=100")).Items.Count);
            case "account":
                return new("/v1/accounts", new CreateAccountRequest("retried-" + Guid.NewGuid().ToString("N")[..8]),
                    async () => (await _api.GetAsync<Page<AccountDto>>("/v1/accounts?pageSize=100")).Items.Count);
            default:
                throw new ArgumentOutOfRangeException(nameof(post), post, "no such case");
        }
    }

    /// <summary>The answer with a created key's secret left out: a replay never carries it.</summary>
    private static string WithoutSecret(string json)
    {
        var node = JsonNode.Parse(json)!;
        (node as JsonObject)?.Remove("secret");
        return node.ToJsonString();
    }
}
