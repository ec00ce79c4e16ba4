using System.Diagnostics;

namespace HaVip.Bench.Fleet;

/// <summary>
/// One simulated host's view of its requests: the body size of the latest desired-state answer (a
/// host has one poll in flight at a time and reads this right after it returns), and the request
/// open now, so that a phase that waits for every host can say what a missing one is doing.
/// </summary>
internal sealed class ResponseBytes : DelegatingHandler
{
    private long _last;
    private OpenRequest? _open;

    public ResponseBytes(HttpMessageHandler shared)
        : base(shared)
    {
    }

    public long LastDesiredState => Interlocked.Read(ref _last);

    /// <summary>The request open now and for how long ("GET 127.0.0.1:4711/agent/v1/…, 2.1 s"), or null.</summary>
    public string? Open => Volatile.Read(ref _open) is { } open ? $"{open.What}, open {Stopwatch.GetElapsedTime(open.Since).TotalSeconds:F1} s" : null;

    /// <summary>Whether a desired-state poll is open now (the host's agent is attached somewhere).</summary>
    public bool Polling => Volatile.Read(ref _open)?.What.Contains("/desired-state", StringComparison.Ordinal) == true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        Volatile.Write(ref _open, new OpenRequest($"{request.Method} {request.RequestUri?.Authority}{request.RequestUri?.PathAndQuery}", Stopwatch.GetTimestamp()));
        try
        {
            var response = await base.SendAsync(request, ct);
            if (request.RequestUri?.AbsolutePath.EndsWith("/desired-state", StringComparison.Ordinal) == true)
            {
                // Buffered here so that the length is the body the server sent, whatever the reader does with it.
                await response.Content.LoadIntoBufferAsync(ct);
                Interlocked.Exchange(ref _last, response.Content.Headers.ContentLength ?? 0);
            }
            return response;
        }
        finally
        {
            Volatile.Write(ref _open, null);
        }
    }

    private sealed record OpenRequest(string What, long Since);
}
