using System.Net;
using HaVip.Contracts.Agents;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Agents;

/// <summary>A host's repair of kernel drift: logged, counted by host and what, kept per host; a bad report changes nothing.</summary>
public sealed class RepairReportTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HostRepairs Repairs => _app.Services.GetRequiredService<HostRepairs>();

    [Fact]
    public async Task Repair_IsKeptForItsHost_AndCountedByWhat()
    {
        var agent = await _app.AgentAsync("hv1");

        (await agent.PostAsync("/agent/v1/hosts/hv1/repairs", new RepairReport(["table", "port"], DateTime.UtcNow))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await agent.PostAsync("/agent/v1/hosts/hv1/repairs", new RepairReport(["table"], DateTime.UtcNow))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        Repairs.Of("hv1").Select(r => string.Join('+', r.What)).Should().Equal("table+port", "table");
        Repairs.Of("hv2").Should().BeEmpty();
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
        var response = await (await _app.AgentAsync("hv1")).PostAsync("/agent/v1/hosts/hv1/repairs", new RepairReport(what, DateTime.UtcNow));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("InvalidParameter");
        problem.Detail.Should().Contain("what");
        Repairs.Of("hv1").Should().BeEmpty();
    }

    [Fact]
    public async Task Repair_ForAnotherHost_Is403_RecordsNothing()
    {
        var response = await (await _app.AgentAsync("hv1")).PostAsync("/agent/v1/hosts/hv2/repairs", new RepairReport(["table"], DateTime.UtcNow));

        (await ApiClient.ProblemAsync(response, HttpStatusCode.Forbidden)).Code.Should().Be("Forbidden");
        Repairs.Of("hv2").Should().BeEmpty();
    }
}
