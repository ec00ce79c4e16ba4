using System.Net;
using System.Net.Sockets;
using System.Text;
using HaVip.Observability;

namespace HaVip.Agent.Metrics;

/// <summary>
/// A minimal HTTP/1.1 responder for GET /metrics. The agent has no web stack, and a scrape
/// endpoint needs no more than this.
/// </summary>
internal sealed class MetricsServer(IPEndPoint endpoint, PrometheusExporter exporter, Func<CancellationToken, Task> beforeScrape)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var listener = new TcpListener(endpoint);
        listener.Start();
        while (!ct.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(ct);
            _ = ServeAsync(client, ct);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(ct) ?? "";
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(ct)))
                {
                }
                var found = requestLine.StartsWith("GET /metrics", StringComparison.Ordinal);
                if (found)
                {
                    await beforeScrape(ct);
                }
                var body = Encoding.UTF8.GetBytes(found ? exporter.Render() : "not found\n");
                var head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
                await stream.WriteAsync(body, ct);
            }
            catch (IOException)
            {
                // The scraper went away; nothing to tell it.
            }
        }
    }
}
