using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;

namespace HaVip.Agent.Sync;

/// <summary>
/// The agent's side of /agent/v1. Each server is an http:// URL or unix:/path/to/socket (the
/// socket lets agents in network namespaces reach a server without any route to it). Given
/// several replicas, a call that fails moves the agent to the next one; the caller's retry then
/// goes there. Reports are idempotent on the server, so a retry through another replica
/// changes nothing twice.
/// </summary>
/// <param name="deltas">
/// False: never ask for changes only (<c>delta=true</c>), as agents before incremental answers did;
/// the fleet bench measures both side by side.
/// </param>
internal sealed class ServerClient(IReadOnlyList<HttpClient> servers, string host, bool deltas = true)
{
    private int _current;

    public ServerClient(HttpClient http, string host)
        : this([http], host)
    {
    }

    /// <summary>One client per comma-separated server of <paramref name="servers"/>.</summary>
    public static HttpClient[] CreateAll(string servers) =>
        servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(CreateHttp).ToArray();

    public static HttpClient CreateHttp(string server)
    {
        if (!server.StartsWith("unix:", StringComparison.Ordinal))
        {
            return new HttpClient { BaseAddress = new Uri(server), Timeout = Timeout.InfiniteTimeSpan };
        }
        var path = server["unix:".Length..];
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://havip-server"), Timeout = Timeout.InfiniteTimeSpan };
    }

    // The informational version (1.0.0+commit) tells an operator which build each host runs; capped as the server caps it.
    private static readonly string? AgentVersion = typeof(ServerClient).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion is { } v ? v[..Math.Min(64, v.Length)] : null;

    public Task RegisterAsync(string underlayIp, CancellationToken ct) => OnServerAsync(async http =>
    {
        (await http.PutAsJsonAsync($"/agent/v1/hosts/{host}", new RegisterHostRequest(underlayIp, AgentVersion), ApiJson.Options, ct)).EnsureSuccessStatusCode();
        return true;
    });

    /// <summary>
    /// The desired state newer than <paramref name="after"/>, or the same one when nothing changed within
    /// <paramref name="wait"/>, as a delta over the state numbered <paramref name="after"/> when the
    /// server can tell one (<see cref="DesiredStates.Apply"/>), complete otherwise and when
    /// <paramref name="after"/> is null; null when the server forgot this host;
    /// <see cref="PollReplacedException"/> when a newer poll with this key took this one's place;
    /// <see cref="ServerBusyException"/> when the server refused a complete state, or the ack the poll carried, for now.
    /// <paramref name="applied"/> is an ack carried on the poll (everything up to it applied, no errors);
    /// the answer's <see cref="DesiredStateDto.AppliedTaken"/> says whether the server took it.
    /// </summary>
    public Task<DesiredStateDto?> DesiredAsync(long? after, TimeSpan wait, CancellationToken ct, long? applied = null) => OnServerAsync(async http =>
    {
        var parameters = new List<string>(4);
        if (after is not null)
        {
            parameters.Add($"after={after}");
            parameters.Add($"wait={wait.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (deltas)
            {
                parameters.Add("delta=true");
            }
        }
        if (applied is not null)
        {
            parameters.Add($"applied={applied}");
        }
        var query = parameters.Count == 0 ? "" : "?" + string.Join('&', parameters);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait + TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync($"/agent/v1/hosts/{host}/desired-state{query}", timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new PollReplacedException();
        }
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && RetryAfter(response) is { } retry)
        {
            throw new ServerBusyException(retry);
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DesiredStateDto>(ApiJson.Options, timeout.Token);
    });

    /// <summary>The wait a 503 asks for; null without a Retry-After (then it is an outage like any other).</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>
    /// Acknowledges a state applied. The server refuses an ack with 503 and a Retry-After when its
    /// queue of acks is longer than it can write in time (a fleet starting at once): the ack is then
    /// sent again, to the same server, after the Retry-After, jittered, as often as the server asks;
    /// <paramref name="refused"/> hears each wait. Meanwhile the agent polls nothing: it holds the
    /// applied state, and only the report is missing.
    /// </summary>
    public async Task AckAsync(long sequence, IReadOnlyDictionary<string, string> errors, CancellationToken ct, Action<TimeSpan>? refused = null)
    {
        while (true)
        {
            try
            {
                await PostAsync($"/agent/v1/hosts/{host}/applied", new AppliedReport(sequence, errors), ct, busyRetries: true);
                return;
            }
            catch (ServerBusyException e)
            {
                var wait = e.Jittered(Random.Shared);
                refused?.Invoke(wait);
                await Task.Delay(wait, ct);
            }
        }
    }

    public Task HolderAsync(HolderReport report, CancellationToken ct) => PostAsync("/agent/v1/holders", report, ct);

    public Task SpoofAsync(SpoofReport report, CancellationToken ct) => PostAsync("/agent/v1/spoof-attempts", report, ct);

    public Task VrrpAsync(VrrpReport report, CancellationToken ct) => PostAsync("/agent/v1/vrrp-adverts", report, ct);
    public Task RepairAsync(RepairReport report, CancellationToken ct) => PostAsync($"/agent/v1/hosts/{host}/repairs", report, ct);

    /// <summary><paramref name="busyRetries"/>: a 503 with Retry-After is <see cref="ServerBusyException"/>, not an outage.</summary>
    private Task PostAsync<T>(string path, T body, CancellationToken ct, bool busyRetries = false) => OnServerAsync(async http =>
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var response = await http.PostAsJsonAsync(path, body, ApiJson.Options, timeout.Token);
        if (busyRetries && response.StatusCode == HttpStatusCode.ServiceUnavailable && RetryAfter(response) is { } retry)
        {
            throw new ServerBusyException(retry);
        }
        response.EnsureSuccessStatusCode();
        return true;
    });

    /// <summary>Runs a call on the current server; if it fails (unreachable, timed out, 5xx), the next call goes to the next server.</summary>
    private async Task<T> OnServerAsync<T>(Func<HttpClient, Task<T>> call)
    {
        var chosen = Volatile.Read(ref _current);
        try
        {
            return await call(servers[chosen % servers.Count]);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.CompareExchange(ref _current, chosen + 1, chosen);
            throw;
        }
    }
}
