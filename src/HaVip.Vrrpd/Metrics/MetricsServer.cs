using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Metrics;

/// <summary>
/// `GET /metrics` on the address given with --metrics-listen (off by default). A few lines of
/// HTTP/1.1 over a socket instead of an HTTP stack: Prometheus asks once every few seconds, and
/// the daemon's memory target (docs/benchmarks.md) leaves no room for a server framework.
/// One request per connection, answered in order; a client that says nothing for 2 s is dropped.
/// </summary>
internal sealed class MetricsServer(IPEndPoint endpoint, Func<CancellationToken, Task<DaemonStatus>> snapshot, ILogger log) : IDisposable
{
    private const int MaxRequest = 8192;
    private readonly Socket _listener = new(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

    // Reused by every request (answered one at a time): a scrape of 1,000 instances is about
    // 400 KB of text, which as fresh strings and arrays each time set off collections.
    private readonly byte[] _request = new byte[MaxRequest];
    private readonly ArrayBufferWriter<byte> _head = new(256);
    private readonly ArrayBufferWriter<byte> _body = new(4096);

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    public void Start()
    {
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(endpoint);
        _listener.Listen(16);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptAsync(stop);
                await AnswerAsync(client, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                Log.MetricsFailed(log, ex);
            }
        }
    }

    private async Task AnswerAsync(Socket client, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var length = await ReadHeadAsync(client, timeout.Token);
        var line = _request.AsSpan(0, length);
        var end = line.IndexOf((byte)'\r');
        var route = Route(end < 0 ? [] : line[..end]);
        _body.ResetWrittenCount();
        if (route == 200)
            PrometheusText.Write(await snapshot(timeout.Token), _body); // on a pool thread: the snapshot's await resumes off the loop
        else
            _body.Write(route == 404 ? "not found: metrics are at /metrics\n"u8 : "bad request\n"u8);

        _head.ResetWrittenCount();
        _head.Write("HTTP/1.1 "u8);
        _head.Write(route switch { 200 => "200 OK"u8, 404 => "404 Not Found"u8, _ => "400 Bad Request"u8 });
        _head.Write("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: "u8);
        _body.WrittenCount.TryFormat(_head.GetSpan(16), out var digits, default, CultureInfo.InvariantCulture);
        _head.Advance(digits);
        _head.Write("\r\nConnection: close\r\n\r\n"u8);
        await client.SendAsync(_head.WrittenMemory, SocketFlags.None, timeout.Token);
        await client.SendAsync(_body.WrittenMemory, SocketFlags.None, timeout.Token);
    }

    /// <summary>200 for GET of /metrics or /, 404 for a GET of anything else, 400 for the rest.</summary>
    private static int Route(ReadOnlySpan<byte> line)
    {
        var first = line.IndexOf((byte)' ');
        var second = first < 0 ? -1 : line[(first + 1)..].IndexOf((byte)' ');
        if (first < 0 || second < 0 || line[(first + second + 2)..].Contains((byte)' ') || !line[..first].SequenceEqual("GET"u8))
            return 400;
        var path = line.Slice(first + 1, second);
        return path.SequenceEqual("/metrics"u8) || path.SequenceEqual("/"u8) ? 200 : 404;
    }

    /// <summary>The request line and headers (a GET has no body) into the reused buffer, at most <see cref="MaxRequest"/> bytes.</summary>
    private async Task<int> ReadHeadAsync(Socket client, CancellationToken cancellationToken)
    {
        var length = 0;
        while (length < _request.Length)
        {
            var n = await client.ReceiveAsync(_request.AsMemory(length), SocketFlags.None, cancellationToken);
            if (n == 0)
                break;
            length += n;
            if (_request.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
                break;
        }

        return length;
    }

    public void Dispose() => _listener.Dispose();
}
