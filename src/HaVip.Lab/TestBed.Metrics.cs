using System.Net;
using System.Net.Sockets;
using System.Text;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab;

public sealed partial class TestBed
{
    public const int AgentMetricsPort = 9100;

    /// <summary>Scrapes a host agent's /metrics from inside its namespace.</summary>
    public async Task<string> AgentMetricsAsync(string host, CancellationToken ct)
    {
        using var socket = NetnsSockets.Create(Names.Host(host), AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, AgentMetricsPort), ct);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: agent\r\nConnection: close\r\n\r\n"), ct);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(ct);
        var body = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return body < 0 ? response : response[(body + 4)..];
    }
}
