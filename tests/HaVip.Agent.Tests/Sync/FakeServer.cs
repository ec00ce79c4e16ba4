using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using HaVip.Contracts.Agents;
using HaVip.Contracts.Api;

namespace HaVip.Agent.Tests.Sync;

/// <summary>
/// The agent API as a script: each request is recorded, and answered by <paramref name="answer"/>;
/// a request it answers with null is held until the client gives up on it, as the server holds a
/// long-poll with nothing new.
/// </summary>
internal sealed class FakeServer(Func<HttpRequestMessage, HttpResponseMessage?> answer) : HttpMessageHandler
{
    /// <summary>Every request, as "METHOD path?query", with its body when it had one.</summary>
    public Channel<(string Line, string? Body)> Requests { get; } = Channel.CreateUnbounded<(string, string?)>();

    public HttpClient Client => new(this, disposeHandler: false) { BaseAddress = new Uri("http://server") };

    /// <summary>State <paramref name="sequence"/>, as a server answers <paramref name="poll"/>: naming the ack it carried (<c>applied=N</c>), as taken.</summary>
    public static HttpResponseMessage State(long sequence, HttpRequestMessage? poll = null) =>
        new(HttpStatusCode.OK) { Content = JsonContent.Create(new DesiredStateDto("hv1", sequence, [], [], [], AppliedTaken: Carried(poll)), options: ApiJson.Options) };

    /// <summary>The ack a poll carries (<c>applied=N</c>); null when none.</summary>
    public static long? Carried(HttpRequestMessage? poll) =>
        poll?.RequestUri?.Query.TrimStart('?').Split('&').FirstOrDefault(p => p.StartsWith("applied=", StringComparison.Ordinal)) is { } pair
            ? long.Parse(pair["applied=".Length..], System.Globalization.CultureInfo.InvariantCulture) : null;

    public static HttpResponseMessage Problem(HttpStatusCode status, string code) =>
        new(status) { Content = new StringContent($$"""{"status":{{(int)status}},"code":"{{code}}"}""", System.Text.Encoding.UTF8, "application/problem+json") };

    /// <summary>Waits for the next request whose line starts with <paramref name="prefix"/>, failing with what came instead.</summary>
    public async Task<(string Line, string? Body)> NextAsync(string prefix, TimeSpan timeout)
    {
        var seen = new List<string>();
        using var stop = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var request = await Requests.Reader.ReadAsync(stop.Token);
                if (request.Line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return request;
                }
                seen.Add(request.Line);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no request '{prefix}…' within {timeout}; saw: {string.Join(", ", seen)}");
        }
    }

    /// <summary>Waits for a loop the test cancelled to end; a cancelled loop may end either way.</summary>
    public static async Task StoppedAsync(Task running)
    {
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Writer.TryWrite(($"{request.Method} {request.RequestUri!.PathAndQuery}", body));
        if (answer(request) is { } response)
        {
            return response;
        }
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }
}
