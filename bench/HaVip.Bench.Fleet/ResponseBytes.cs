namespace HaVip.Bench.Fleet;

/// <summary>
/// One simulated host's view of its desired-state answers: the body size of the latest one. A host
/// has one poll in flight at a time and reads this right after it returns.
/// </summary>
internal sealed class ResponseBytes : DelegatingHandler
{
    private long _last;

    public ResponseBytes(HttpMessageHandler shared)
        : base(shared)
    {
    }

    public long LastDesiredState => Interlocked.Read(ref _last);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
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
}
