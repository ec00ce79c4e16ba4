using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Server.Agents;
using HaVip.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// Two registered hosts (hv1, hv2), each with its own agent key, and a subnet with instance a on
/// hv1 and b on hv2, both bound to one HAVIP: the stage of the agent API tests.
/// </summary>
internal sealed partial class AgentWorld(HaVipApp app)
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

    /// <summary>
    /// Registers each of <paramref name="hosts"/> (underlays 10.255.0.11 on, in order) and places one
    /// instance of one new subnet on each: a subnet every host carries.
    /// </summary>
    public async Task<(SubnetDto Subnet, InstanceDto[] Instances)> OneSubnetOnEveryHostAsync(IReadOnlyList<string> hosts)
    {
        for (var i = 0; i < hosts.Count; i++)
        {
            await RegisterAsync(hosts[i], $"10.255.0.{11 + i}");
        }
        var (vpc, subnet) = await Api.NetworkAsync();
        var instances = new List<InstanceDto>();
        foreach (var host in hosts)
        {
            instances.Add(await Api.InstanceAsync(vpc.Id, subnet.Id, host: host, name: "on-" + host));
        }
        return (subnet, [.. instances]);
    }

    /// <summary>Registers <paramref name="host"/> through its own agent key.</summary>
    public async Task RegisterAsync(string host, string underlay)
    {
        (await (await AgentAsync(host)).PutAsync($"/agent/v1/hosts/{host}", new RegisterHostRequest(underlay))).EnsureSuccessStatusCode();
        await ContactsWrittenAsync();
    }

    /// <summary>The host's state; its contact is written by the time this returns, as the tests read it next.</summary>
    public async Task<DesiredStateDto> DesiredAsync(string host)
    {
        var state = await (await AgentAsync(host)).GetAsync<DesiredStateDto>($"/agent/v1/hosts/{host}/desired-state");
        await ContactsWrittenAsync();
        return state;
    }

    public async Task AckAsync(string host, long sequence, Dictionary<string, string>? errors = null)
    {
        (await (await AgentAsync(host)).PostAsync($"/agent/v1/hosts/{host}/applied", new AppliedReport(sequence, errors))).EnsureSuccessStatusCode();
        await ContactsWrittenAsync();
    }

    /// <summary>A request does not wait for its contact's write (<see cref="HostSightings"/>); a test that reads hosts next does.</summary>
    public Task ContactsWrittenAsync() => app.Services.GetRequiredService<HostSightings>().FlushAsync();

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

    /// <summary>
    /// A server on <paramref name="time"/> whose leader records health findings every 100 ms of it and
    /// whose hosts do not go stale within the test (liveness is HostStaleHealthTests' subject).
    /// </summary>
    public static HaVipApp HealthApp(FakeTimeProvider time) => new()
    {
        Time = time,
        Settings = new Dictionary<string, string> { ["HaVip:HostStaleAfter"] = "01:00:00", ["HaVip:HealthCheckInterval"] = "00:00:00.100" },
    };

    /// <summary>An advert report as an agent sends it: v2, 1 s, PASS, its Master_Down_Interval (RFC 3768 §6.1) for the priority.</summary>
    public static VrrpReport Advert(string instanceId, int vrid, int priority, string address) =>
        new(instanceId, vrid, true, 2, priority, 1000, "SimplePassword", [address], 3_000_000 + ((256 - priority) * 1_000_000L / 256), 0);

    /// <summary>Reports adverts as <paramref name="host"/>'s agent; the endpoint answers after the report lane's write, so the observation is stored by then.</summary>
    public async Task ReportVrrpAsync(string host, VrrpReport report)
    {
        var response = await (await AgentAsync(host)).PostAsync("/agent/v1/vrrp-adverts", report);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The HAVIP's VRID, from the keepalived.conf the API generates.</summary>
    public Task<int> VridAsync(string vipId, string instanceId) => VridAsync(Api, vipId, instanceId);

    /// <summary>The HAVIP's VRID as <paramref name="api"/> generates it, for a server of any kind (in memory or a process).</summary>
    public static async Task<int> VridAsync(ApiClient api, string vipId, string instanceId)
    {
        var conf = await api.Http.GetStringAsync($"/v1/havips/{vipId}/keepalived?instanceId={instanceId}");
        return int.Parse(VridLine().Match(conf).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"virtual_router_id (\d+)")]
    private static partial Regex VridLine();
}
