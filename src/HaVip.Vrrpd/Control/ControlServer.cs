using System.Buffers;
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

    // Reused by every request (answered one at a time): the JSON of 1,000 instances as a string,
    // then that string plus a newline, then its bytes, were three large objects per call.
    private readonly ArrayBufferWriter<byte> _reply = new(4096);
    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { Indented = true });

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Delete(path); // a stale socket from a killed daemon would make bind fail
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(8);
    }

    /// <summary>
    /// Answers one connection at a time until <paramref name="stop"/>. A connection that fails,
    /// or runs out its own time, ends only itself: before, its timeout's cancellation ended the
    /// loop, and every later `havipd status` waited for ever.
    /// </summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                Log.ControlFailed(log, ex);
                continue;
            }

            using (client)
                await AnswerOneAsync(client, stop);
        }
    }

    private async Task AnswerOneAsync(Socket client, CancellationToken stop)
    {
        try
        {
            await AnswerAsync(client, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The daemon stops: the loop's condition ends it.
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
        {
            Log.ControlFailed(log, ex);
        }
    }

    private async Task AnswerAsync(Socket client, CancellationToken stop)
    {
        var buffer = new byte[256];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        var n = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        var request = Encoding.ASCII.GetString(buffer, 0, n).Trim();
        _reply.ResetWrittenCount();
        if (request == "status")
        {
            var status = await snapshot(timeout.Token);
            _json.Reset(_reply);
            JsonSerializer.Serialize(_json, status, StatusJsonContext.Default.DaemonStatus);
        }
        else
        {
            _reply.Write("{\"error\":\"unknown request\"}"u8);
        }

        _reply.Write("\n"u8);
        await client.SendAsync(_reply.WrittenMemory, SocketFlags.None, timeout.Token);
    }

    public void Dispose()
    {
        _json.Dispose();
        _listener.Dispose();
        File.Delete(path);
    }
}
