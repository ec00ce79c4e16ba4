using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;

namespace HaVip.Agent.Sync;

/// <summary>
/// The agent's side of /agent/v1. The server is an http:// URL or unix:/path/to/socket; the
/// socket lets agents in network namespaces reach a server without any route to it.
/// </summary>
internal sealed class ServerClient(HttpClient http, string host)
{
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

    public async Task RegisterAsync(string underlayIp, CancellationToken ct) =>
        (await http.PutAsJsonAsync($"/agent/v1/hosts/{host}", new RegisterHostRequest(underlayIp), ApiJson.Options, ct)).EnsureSuccessStatusCode();

    /// <summary>The desired state newer than <paramref name="after"/>, or the same one when nothing changed within <paramref name="wait"/>; null when the server forgot this host.</summary>
    public async Task<DesiredStateDto?> DesiredAsync(long? after, TimeSpan wait, CancellationToken ct)
    {
        var query = after is null ? "" : $"?after={after}&wait={wait.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait + TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync($"/agent/v1/hosts/{host}/desired-state{query}", timeout.Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DesiredStateDto>(ApiJson.Options, timeout.Token);
    }

    public Task AckAsync(long sequence, IReadOnlyDictionary<string, string> errors, CancellationToken ct) =>
        PostAsync($"/agent/v1/hosts/{host}/applied", new AppliedReport(sequence, errors), ct);

    public Task HolderAsync(HolderReport report, CancellationToken ct) => PostAsync("/agent/v1/holders", report, ct);

    public Task SpoofAsync(SpoofReport report, CancellationToken ct) => PostAsync("/agent/v1/spoof-attempts", report, ct);

    private async Task PostAsync<T>(string path, T body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        (await http.PostAsJsonAsync(path, body, ApiJson.Options, timeout.Token)).EnsureSuccessStatusCode();
    }
}
