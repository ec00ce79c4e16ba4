using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Control;

/// <summary>
/// A unix stream socket answering "status" with the JSON snapshot. The path is configurable so
/// daemons in different network namespaces (one mount namespace) do not collide.
/// </summary>
internal sealed class ControlServer(string path, Func<CancellationToken, Task<DaemonStatus>> snapshot, ILogger log) : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Delete(path); // a stale socket from a killed daemon would make bind fail
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(8);
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
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                Log.ControlFailed(log, ex);
            }
        }
    }

    private async Task AnswerAsync(Socket client, CancellationToken stop)
    {
        var buffer = new byte[256];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var n = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        var request = Encoding.ASCII.GetString(buffer, 0, n).Trim();
        var reply = request == "status"
            ? JsonSerializer.Serialize(await snapshot(timeout.Token), StatusJsonContext.Default.DaemonStatus)
            : "{\"error\":\"unknown request\"}";
        await client.SendAsync(Encoding.UTF8.GetBytes(reply + "\n"), SocketFlags.None, timeout.Token);
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(path);
    }
}
