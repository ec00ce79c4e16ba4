using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HaVip.Contracts.Api;

namespace HaVip.Contracts.Client;

/// <summary>
/// The HaVip REST API, typed: every call sends the key, every refusal becomes an
/// <see cref="ApiProblemException"/> carrying the server's problem (with its stable code).
/// </summary>
public sealed partial class HaVipApiClient(HttpClient http) : IDisposable
{
    /// <summary>A 429 names when to come back; waiting that long a few times beats failing a script.</summary>
    private const int RateLimitRetries = 3;

    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(10);

    public Uri Server => http.BaseAddress!;

    /// <summary>The client's HTTP connection, for what the typed calls do not cover (the agent API, raw checks).</summary>
    public HttpClient Http => http;

    /// <param name="product">Who calls, sent as the User-Agent (the server's logs tell the CLI from the lab).</param>
    public static HaVipApiClient Create(Uri server, string? key, string product, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = server;
        http.Timeout = TimeSpan.FromSeconds(30);
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(product, "1"));
        var client = new HaVipApiClient(http);
        client.UseKey(key);
        return client;
    }

    /// <summary>Sends <paramref name="key"/> as the bearer token from now on (null: no key).</summary>
    public void UseKey(string? key) =>
        http.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);

    public void Dispose() => http.Dispose();

    private Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, ct);
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct))
            ?? throw new InvalidOperationException($"{method} {path} answered with an empty body");
    }

    /// <summary>Sends and checks; the caller owns (and disposes) the successful response.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        // One key per logical request: a retry after 429 is then the same request to the server.
        var idempotencyKey = method == HttpMethod.Post ? Guid.NewGuid().ToString("N") : null;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
            }
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }
            var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            using (response)
            {
                var retryAfter = RetryAfter(response);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < RateLimitRetries
                    && retryAfter is { } wait && wait <= LongestRetryAfter)
                {
                    await Task.Delay(wait, ct);
                    continue;
                }
                var text = await response.Content.ReadAsStringAsync(ct);
                throw new ApiProblemException(ApiProblem.Parse(response.StatusCode, response.ReasonPhrase, text, retryAfter));
            }
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    private async Task SendNoContentAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, null, ct);
    }

    private static string Id(string id) => Uri.EscapeDataString(id);
}
