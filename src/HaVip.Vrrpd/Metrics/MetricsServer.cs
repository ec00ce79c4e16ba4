using System.Net;
using System.Net.Sockets;
using System.Text;
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
        var request = await ReadHeadAsync(client, timeout.Token);
        var line = request[..Math.Max(0, request.IndexOf('\r', StringComparison.Ordinal))];
        var (status, body) = line.Split(' ') switch
        {
            ["GET", "/metrics" or "/", _] => ("200 OK", PrometheusText.Render(await snapshot(timeout.Token))),
            ["GET", _, _] => ("404 Not Found", "not found: metrics are at /metrics\n"),
            _ => ("400 Bad Request", "bad request\n"),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status}\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await client.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, timeout.Token);
        await client.SendAsync(bytes, SocketFlags.None, timeout.Token);
    }

    /// <summary>The request line and headers (a GET has no body), at most <see cref="MaxRequest"/> bytes.</summary>
    private static async Task<string> ReadHeadAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequest];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken);
            if (n == 0)
                break;
            length += n;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
                break;
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    public void Dispose() => _listener.Dispose();
}
