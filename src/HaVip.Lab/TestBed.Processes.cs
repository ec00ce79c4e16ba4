using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
using HaVip.Contracts.Client;
using HaVip.Lab.Api;
using HaVip.Lab.Processes;

namespace HaVip.Lab;

public sealed partial class TestBed
{
    public string LogOf(string processName) => _launcher.LogPath(processName);

    private async Task StartProcessAsync(string name, string? netns, IReadOnlyList<string> command, CancellationToken ct)
    {
        State.Pids[name] = await _launcher.StartAsync(name, netns, command, ct);
        State.Save();
    }

    private Task StartServerAsync(CancellationToken ct) => StartServerAsync(0, ct);

    /// <summary>Replica <paramref name="replica"/> of the server: its own socket and data directory, the lab's database.</summary>
    private async Task StartServerAsync(int replica, CancellationToken ct)
    {
        var socket = State.SocketOf(replica);
        var urls = State.ServerUrl is null || replica > 0 ? $"http://unix:{socket}" : $"{State.ServerUrl};http://unix:{socket}";
        string[] database = State.Database is null ? [] : ["--database", State.Database];
        var name = LabState.ServerName(replica);
        await StartProcessAsync(name, null,
            ["dotnet", Binaries.Server, "--urls", urls, "--data-dir", Path.Combine(State.StateDir, replica == 0 ? "data" : $"data-{replica}"), "--HaVip:ApplyDeadline=00:00:20",
            .. database,
            // Started outside its directory the server misses appsettings.json and would log every request and query.
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
            .. (Environment.GetEnvironmentVariable("HAVIP_LAB_SERVER_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)], ct);
        using var http = UnixHttp.Create(socket, TimeSpan.FromSeconds(30));
        await Readiness.WaitForServerAsync(replica == 0 ? Api.Http : http, () => Launcher.Alive(State.Pids[name]), TimeSpan.FromSeconds(60), $"see {LogOf(name)}", ct);
        UseAdminKey();
    }

    /// <summary>A client of replica <paramref name="replica"/> with the lab's admin key (replicas share the database, so its keys).</summary>
    public HaVipApiClient ReplicaApi(int replica)
    {
        var api = new HaVipApiClient(UnixHttp.Create(State.SocketOf(replica), TimeSpan.FromSeconds(30)));
        api.UseKey(File.ReadAllText(AdminKeyFile).Trim());
        return api;
    }

    private async Task StartAgentAsync(string host, string underlayIp, CancellationToken ct)
    {
        var keyFile = await AgentKeyFileAsync(host, ct);
        string[] verify = State.VerifyIntervalSeconds is { } seconds ? ["--verify-interval", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        // With two replicas, hosts alternate between them; each agent names the other one second.
        var own = State.Replicas > 1 ? State.Hosts.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList().IndexOf(host) % State.Replicas : 0;
        var servers = string.Join(',', Enumerable.Range(0, State.Replicas).Select(r => "unix:" + State.SocketOf((own + r) % State.Replicas)));
        await StartProcessAsync("agent-" + host, Names.Host(host),
            ["dotnet", Binaries.Agent, "run", "--host", host, "--underlay", underlayIp, "--server", servers, "--key-file", keyFile,
             "--metrics", "0.0.0.0:" + AgentMetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. verify, .. AgentArbitrationArgs()], ct);
    }

    /// <summary>What the agent of <paramref name="host"/> is told, asked as that agent (only its key may).</summary>
    public async Task<DesiredStateDto> DesiredStateAsync(string host, CancellationToken ct)
    {
        using var response = await AsAgentAsync(host, new HttpRequestMessage(HttpMethod.Get, $"/agent/v1/hosts/{host}/desired-state"), ct);
        return (await response.Content.ReadFromJsonAsync<DesiredStateDto>(ApiJson.Options, ct))!;
    }

    /// <summary>
    /// Posts a VRRP report as the agent of <paramref name="host"/> would (its key): what an agent said
    /// of an instance earlier, e.g. a run whose stop never reached the server.
    /// </summary>
    public async Task ReportVrrpAsync(string host, VrrpReport report, CancellationToken ct)
    {
        using var _ = await AsAgentAsync(host, new HttpRequestMessage(HttpMethod.Post, "/agent/v1/vrrp-adverts") { Content = JsonContent.Create(report, options: ApiJson.Options) }, ct);
    }

    /// <summary>Sends <paramref name="request"/> with the agent key of <paramref name="host"/>; a failure throws with the server's answer.</summary>
    private async Task<HttpResponseMessage> AsAgentAsync(string host, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(await AgentKeyFileAsync(host, ct), ct)).Trim());
            var response = await Api.Http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw new HttpRequestException($"{(int)response.StatusCode} from {request.RequestUri}: {await response.Content.ReadAsStringAsync(ct)}");
                }
            }
            return response;
        }
    }

    /// <summary>Each host's agent gets a key of its own, as a real host would: it can report for that host only.</summary>
    private async Task<string> AgentKeyFileAsync(string host, CancellationToken ct)
    {
        var file = Path.Combine(State.StateDir, "keys", $"agent-{host}.key");
        if (!File.Exists(file))
        {
            var key = (await Api.CreateKeyAsync(new CreateApiKeyRequest($"agent {host}", Role: KeyRole.Agent, Host: host), ct)).Secret;
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, key + Environment.NewLine, ct);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return file;
    }

    /// <summary>An agent is in business once its ruleset is in its host's kernel.</summary>
    private async Task WaitForAgentsAsync(IReadOnlyList<string> hosts, CancellationToken ct)
    {
        // Many agents start at once on few cores: the budget grows with the number of hosts.
        var watch = Stopwatch.StartNew();
        foreach (var host in hosts)
        {
            while (!(await _commands.RunAsync("ip", ["netns", "exec", Names.Host(host), "nft", "list", "table", "bridge", "havip"], ct: ct)).Succeeded)
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(30 + (10 * hosts.Count)) || !Launcher.Alive(State.Pids["agent-" + host]))
                {
                    throw new InvalidOperationException($"the agent of {host} did not apply its state; see {LogOf("agent-" + host)}");
                }
                await Task.Delay(100, ct);
            }
        }
    }
}
