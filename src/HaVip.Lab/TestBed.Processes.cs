using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;
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

    private async Task StartServerAsync(CancellationToken ct)
    {
        var urls = State.ServerUrl is null ? $"http://unix:{State.Socket}" : $"{State.ServerUrl};http://unix:{State.Socket}";
        await StartProcessAsync("server", null,
            ["dotnet", Binaries.Server, "--urls", urls, "--data-dir", Path.Combine(State.StateDir, "data"), "--HaVip:ApplyDeadline=00:00:20",
            // Started outside its directory the server misses appsettings.json and would log every request and query.
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
            .. (Environment.GetEnvironmentVariable("HAVIP_LAB_SERVER_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)], ct);
        await Readiness.WaitForServerAsync(Api.Http, () => Launcher.Alive(State.Pids["server"]), TimeSpan.FromSeconds(60), $"see {LogOf("server")}", ct);
        UseAdminKey();
    }

    private async Task StartAgentAsync(string host, string underlayIp, CancellationToken ct)
    {
        var keyFile = await AgentKeyFileAsync(host, ct);
        string[] verify = State.VerifyIntervalSeconds is { } seconds ? ["--verify-interval", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        await StartProcessAsync("agent-" + host, Names.Host(host),
            ["dotnet", Binaries.Agent, "run", "--host", host, "--underlay", underlayIp, "--server", "unix:" + State.Socket, "--key-file", keyFile,
             "--metrics", "0.0.0.0:" + AgentMetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. verify], ct);
    }

    /// <summary>What the agent of <paramref name="host"/> is told, asked as that agent (only its key may).</summary>
    public async Task<DesiredStateDto> DesiredStateAsync(string host, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/agent/v1/hosts/{host}/desired-state");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(await AgentKeyFileAsync(host, ct), ct)).Trim());
        using var response = await Api.Http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {request.RequestUri}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        return (await response.Content.ReadFromJsonAsync<DesiredStateDto>(ApiJson.Options, ct))!;
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
