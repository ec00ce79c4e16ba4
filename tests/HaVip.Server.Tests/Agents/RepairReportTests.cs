using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>A host's repair of kernel drift: logged, counted by host and what, an event in the host's history; a bad report changes nothing.</summary>
public sealed class RepairReportTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IReadOnlyList<HostEventDto>> RepairsOfAsync(string host) =>
        (await _app.Api.GetAsync<HostDto>($"/v1/hosts/{host}")).Events!.Where(e => e.Kind == "repaired").ToList();

    [Fact]
    public async Task Repair_IsAnEventInItsHostsHistory_AndCountedByWhat()
    {
        var agent = await RegisteredAsync("hv1");
        await RegisteredAsync("hv2");

        (await agent.PostAsync("/agent/v1/hosts/hv1/repairs", new RepairReport(["table", "port"], DateTime.UtcNow))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await agent.PostAsync("/agent/v1/hosts/hv1/repairs", new RepairReport(["table"], DateTime.UtcNow))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await RepairsOfAsync("hv1")).Select(e => e.Message).Should().Equal(
            "the agent of host hv1 found its kernel drifted (table, port) and applied its state again",
            "the agent of host hv1 found its kernel drifted (table) and applied its state again");
        (await RepairsOfAsync("hv2")).Should().BeEmpty();
        var metrics = await _app.Api.Http.GetStringAsync("/metrics");
        metrics.Should().Contain("havip_host_repairs_total{host=\"hv1\",what=\"table\"} 2").And.Contain("havip_host_repairs_total{host=\"hv1\",what=\"port\"} 1");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Table")]
    [InlineData("table,table")]
    [InlineData("table,")]
    public async Task Repair_BadWhat_Is400_RecordsNothing(string commaSeparated)
    {
        string[] what = commaSeparated.Length == 0 ? [] : commaSeparated.Split(',');
        var response = await (await RegisteredAsync("hv1")).PostAsync("/agent/v1/hosts/hv1/repairs", new RepairReport(what, DateTime.UtcNow));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Detail.Should().Contain("what");
        (await RepairsOfAsync("hv1")).Should().BeEmpty();
    }

    [Fact]
    public async Task Repair_ForAnotherHost_Is403_RecordsNothing()
    {
        var agent = await RegisteredAsync("hv1");
        await RegisteredAsync("hv2");
        var response = await agent.PostAsync("/agent/v1/hosts/hv2/repairs", new RepairReport(["table"], DateTime.UtcNow));

        (await ApiClient.ProblemAsync(response, HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        (await RepairsOfAsync("hv2")).Should().BeEmpty();
    }

    [Fact]
    public async Task Repair_FromAHostNeverRegistered_Is404_RecordsNothing()
    {
        var response = await (await _app.AgentAsync("hv1")).PostAsync("/agent/v1/hosts/hv1/repairs", new RepairReport(["table"], DateTime.UtcNow));

        (await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("NotFound");
        (await ApiClient.ProblemAsync(await _app.Api.Http.GetAsync("/v1/hosts/hv1"), HttpStatusCode.NotFound)).Code.Should().Be("HostNotFound");
    }

    private async Task<ApiClient> RegisteredAsync(string host)
    {
        var agent = await _app.AgentAsync(host);
        (await agent.PutAsync($"/agent/v1/hosts/{host}", new RegisterHostRequest("10.255.0.1", "test"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        return agent;
    }
}
