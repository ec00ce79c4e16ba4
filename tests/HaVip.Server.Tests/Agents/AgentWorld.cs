using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Two registered hosts (hv1, hv2), each with its own agent key, and a subnet with instance a on
/// hv1 and b on hv2, both bound to one HAVIP: the stage of the agent API tests.
/// </summary>
internal sealed class AgentWorld(HaVipApp app)
{
    private readonly Dictionary<string, ApiClient> _agents = [];

    public ApiClient Api { get; } = app.Api;

    public async Task<(HaVipDto Vip, InstanceDto A, InstanceDto B, SubnetDto Subnet)> TwoHostsAsync()
    {
        (await (await AgentAsync("hv1")).PutAsync("/agent/v1/hosts/hv1", new RegisterHostRequest("10.255.0.11"))).EnsureSuccessStatusCode();
        (await (await AgentAsync("hv2")).PutAsync("/agent/v1/hosts/hv2", new RegisterHostRequest("10.255.0.12"))).EnsureSuccessStatusCode();
        var (vpc, subnet) = await Api.NetworkAsync();
        var a = await Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv1", name: "a");
        var b = await Api.InstanceAsync(vpc.Id, subnet.Id, host: "hv2", name: "b");
        var vip = await Api.HaVipAsync(subnet, instanceIds: [a.Id, b.Id]);
        return (vip, a, b, subnet);
    }

    /// <summary>Registers <paramref name="host"/> through its own agent key.</summary>
    public async Task RegisterAsync(string host, string underlay) =>
        (await (await AgentAsync(host)).PutAsync($"/agent/v1/hosts/{host}", new RegisterHostRequest(underlay))).EnsureSuccessStatusCode();

    public async Task<DesiredStateDto> DesiredAsync(string host) =>
        await (await AgentAsync(host)).GetAsync<DesiredStateDto>($"/agent/v1/hosts/{host}/desired-state");

    public async Task AckAsync(string host, long sequence, Dictionary<string, string>? errors = null) =>
        (await (await AgentAsync(host)).PostAsync($"/agent/v1/hosts/{host}/applied", new AppliedReport(sequence, errors))).EnsureSuccessStatusCode();

    /// <summary>The agent of <paramref name="host"/>, with that host's own key.</summary>
    public async Task<ApiClient> AgentAsync(string host)
    {
        if (!_agents.TryGetValue(host, out var agent))
        {
            _agents[host] = agent = await app.AgentAsync(host);
        }
        return agent;
    }

    public Task<HaVipDto> GetVipAsync(string id) => Api.GetAsync<HaVipDto>($"/v1/havips/{id}");

    public Task<HaVipEventDto[]> EventsAsync(string id) => Api.GetAsync<HaVipEventDto[]>($"/v1/havips/{id}/events");
}
