using System.Net;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Auth;

/// <summary>
/// Account B, with a valid key, aims every endpoint and method at account A's ids: each answer
/// is 404 NotFound, exactly as for an id that does not exist, and nothing of A's changes.
/// One server and one pair of accounts for the whole class (its tests run one after another):
/// each test compares A before and after B's attempt, so what an earlier test created is no
/// matter, and a server per case made this the suite's longest class.
/// </summary>
public sealed class TenantIsolationTests(TenantIsolationTests.Fixture fixture) : IClassFixture<TenantIsolationTests.Fixture>
{
    private readonly HaVipApp _app = fixture.App;
    private readonly Tenants _t = fixture.Tenants;

    public sealed class Fixture : IAsyncLifetime
    {
        public HaVipApp App { get; } = new();

        public Tenants Tenants { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Tenants = await Tenants.CreateAsync(App);

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    public static TheoryData<string> Requests() =>
    [
        "GET /v1/vpcs/{vpcA}",
        "DELETE /v1/vpcs/{vpcA}",
        "GET /v1/subnets/{subnetA}",
        "DELETE /v1/subnets/{subnetA}",
        "POST /v1/subnets {\"vpcId\":\"{vpcA}\",\"name\":\"x\",\"cidr\":\"10.0.9.0/24\",\"type\":\"internal\"}",
        "GET /v1/instances/{instanceA}",
        "PATCH /v1/instances/{instanceA} {\"name\":\"stolen\"}",
        "DELETE /v1/instances/{instanceA}",
        "POST /v1/instances {\"name\":\"x\",\"vpcId\":\"{vpcA}\",\"nics\":[{\"subnetId\":\"{subnetA}\"}]}",
        "GET /v1/havips/{vipA}",
        "PATCH /v1/havips/{vipA} {\"name\":\"stolen\"}",
        "DELETE /v1/havips/{vipA}",
        "PUT /v1/havips/{vipA}/instances {\"instanceIds\":[\"{instanceB}\"]}",
        "POST /v1/havips/{vipA}/instances {\"instanceId\":\"{instanceB}\"}",
        "DELETE /v1/havips/{vipA}/instances/{instanceA}",
        "GET /v1/havips/{vipA}/keepalived?instanceId={instanceA}",
        "GET /v1/havips/{vipA}/events",
        "POST /v1/havips {\"name\":\"x\",\"type\":\"internal\",\"subnetId\":\"{subnetA}\"}",
        // B's own resources with A's instance: binding someone else's instance is impossible.
        "POST /v1/havips/{vipB}/instances {\"instanceId\":\"{instanceA}\"}",
        "PUT /v1/havips/{vipB}/instances {\"instanceIds\":[\"{instanceA}\"]}",
        "POST /v1/havips {\"name\":\"x\",\"type\":\"internal\",\"subnetId\":\"{subnetB}\",\"instanceIds\":[\"{instanceA}\"]}",
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task OtherAccountsId_Is404_AndChangesNothing(string request)
    {
        var before = await _t.SnapshotAAsync();

        var response = await SendAsync(_t.B, request);

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
        problem.Code.Should().Be("NotFound");
        (await _t.SnapshotAAsync()).Should().Be(before);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task OtherAccountsId_AnswersLikeAnIdThatDoesNotExist(string request)
    {
        // What B learns about A's id is exactly what it learns about an id nobody has.
        var real = await SendAsync(_t.B, request);
        var fake = await SendAsync(_t.B, request, "zzzzzzzzzzzz");

        real.StatusCode.Should().Be(fake.StatusCode);
        (await ApiClient.ProblemAsync(real, real.StatusCode)).Title.Should().Be((await ApiClient.ProblemAsync(fake, fake.StatusCode)).Title);
    }

    [Fact]
    public async Task BatchDelete_OtherAccountsVip_IsNotFound_AndStays()
    {
        var result = await _t.B.ReadAsync<BatchDeleteResponse>(await _t.B.PostAsync("/v1/havips/batch-delete", new BatchDeleteRequest([_t.VipA.Id, _t.VipB.Id])));

        result.Results.Should().ContainSingle(r => r.Id == _t.VipA.Id).Which.Should().Match<BatchDeleteItem>(r => !r.Deleted && r.Error!.Code == "NotFound");
        // B's own HAVIP is found (still creating, so not deletable yet): only A's is unknown to B.
        result.Results.Should().ContainSingle(r => r.Id == _t.VipB.Id).Which.Error!.Code.Should().Be("InvalidState");
        (await _t.A.Http.GetAsync($"/v1/havips/{_t.VipA.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/v1/havips")]
    [InlineData("/v1/havips?subnetId={subnetA}")]
    [InlineData("/v1/havips?vpcId={vpcA}")]
    [InlineData("/v1/havips?instanceId={instanceA}")]
    [InlineData("/v1/havips?name=vip")]
    [InlineData("/v1/vpcs")]
    [InlineData("/v1/subnets")]
    [InlineData("/v1/subnets?vpcId={vpcA}")]
    [InlineData("/v1/instances")]
    [InlineData("/v1/instances?subnetId={subnetA}")]
    public async Task Lists_NeverShowOtherAccounts_NotEvenThroughFilters(string path)
    {
        var text = await _t.B.Http.GetStringAsync(Fill(path));

        foreach (var id in new[] { _t.VpcA.Id, _t.SubnetA.Id, _t.InstanceA.Id, _t.SpareA.Id, _t.VipA.Id })
        {
            text.Should().NotContain(id);
        }
    }

    [Fact]
    public async Task PageToken_FromOtherAccount_ShowsOnlyOwnRows()
    {
        await _t.A.HaVipAsync(_t.SubnetA, name: "second");
        var page = await _t.A.GetAsync<Page<HaVipDto>>("/v1/havips?pageSize=1");
        page.NextPageToken.Should().NotBeNull();

        var text = await _t.B.Http.GetStringAsync($"/v1/havips?pageSize=100&pageToken={page.NextPageToken}");

        text.Should().NotContain(_t.VpcA.Id);
    }

    [Fact]
    public async Task IdempotencyKey_SameKeyInTwoAccounts_NeverReplaysTheOther()
    {
        var a = await _t.A.PostAsync("/v1/vpcs", new CreateVpcRequest("a-vpc", "10.1.0.0/16"), idempotencyKey: "same-key");
        var b = await _t.B.PostAsync("/v1/vpcs", new CreateVpcRequest("b-vpc", "10.2.0.0/16"), idempotencyKey: "same-key");

        var vpcA = await _t.A.ReadAsync<VpcDto>(a, HttpStatusCode.Created);
        var vpcB = await _t.B.ReadAsync<VpcDto>(b, HttpStatusCode.Created);
        b.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        vpcB.Id.Should().NotBe(vpcA.Id);
        vpcB.Name.Should().Be("b-vpc");
    }

    [Fact]
    public async Task Keys_OtherAccountsKey_Is404_ForEveryMethod()
    {
        var keyA = await TestKeys.CreateAsync(_t.A.Http, new CreateApiKeyRequest("a-second"));

        (await _t.B.Http.GetAsync($"/v1/keys/{keyA.Key.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _t.B.PatchAsync($"/v1/keys/{keyA.Key.Id}", new UpdateApiKeyRequest(Name: "x"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _t.B.Http.DeleteAsync($"/v1/keys/{keyA.Key.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _t.B.GetAsync<Page<ApiKeyDto>>("/v1/keys")).Items.Should().NotContain(k => k.AccountId == _t.AccountA);
        (await _t.B.PostAsync("/v1/keys", new CreateApiKeyRequest("x", AccountId: _t.AccountA))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _app.ApiWithKey(keyA.Secret).Http.GetAsync("/v1/vpcs")).StatusCode.Should().Be(HttpStatusCode.OK, "B's attempts changed nothing");
    }

    private Task<HttpResponseMessage> SendAsync(ApiClient client, string request, string? replaceIdsWith = null)
    {
        var space = request.IndexOf(' ');
        var rest = request[(space + 1)..];
        var bodyAt = rest.IndexOf(' ');
        var path = bodyAt < 0 ? rest : rest[..bodyAt];
        var body = bodyAt < 0 ? null : rest[(bodyAt + 1)..];
        var message = new HttpRequestMessage(new HttpMethod(request[..space]), Fill(path, replaceIdsWith));
        if (body is not null)
        {
            message.Content = new StringContent(Fill(body, replaceIdsWith), System.Text.Encoding.UTF8, "application/json");
        }
        return client.Http.SendAsync(message);
    }

    /// <summary>Puts the real ids in; with <paramref name="randomPart"/>, A's ids become well-formed ids nobody has.</summary>
    private string Fill(string template, string? randomPart = null)
    {
        string Id(string id) => randomPart is null ? id : id[..(id.IndexOf('-') + 1)] + randomPart;
        return template
            .Replace("{vpcA}", Id(_t.VpcA.Id), StringComparison.Ordinal)
            .Replace("{subnetA}", Id(_t.SubnetA.Id), StringComparison.Ordinal)
            .Replace("{instanceA}", Id(_t.InstanceA.Id), StringComparison.Ordinal)
            .Replace("{vipA}", Id(_t.VipA.Id), StringComparison.Ordinal)
            .Replace("{subnetB}", _t.SubnetB.Id, StringComparison.Ordinal)
            .Replace("{instanceB}", _t.InstanceB.Id, StringComparison.Ordinal)
            .Replace("{vipB}", _t.VipB.Id, StringComparison.Ordinal);
    }
}
