using System.Net.Sockets;

namespace HaVip.Lab.Api;

/// <summary>HTTP to the server over its Unix socket: reachable from any namespace, no route needed.</summary>
public static class UnixHttp
{
    /// <param name="adminKeyFile">The server's admin.key: sent as the bearer key once the server has written it.</param>
    public static HttpClient Create(string socketPath, TimeSpan timeout, string? adminKeyFile = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        HttpMessageHandler outer = adminKeyFile is null ? handler : new AdminKeyHandler(adminKeyFile) { InnerHandler = handler };
        return new HttpClient(outer) { BaseAddress = new Uri("http://havip-server"), Timeout = timeout };
    }
}
