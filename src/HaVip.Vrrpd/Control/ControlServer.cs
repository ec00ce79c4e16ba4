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

    // A reply goes out in chunks of about this size: the whole JSON of 1,000 instances (about
    // 1 MB) in one buffer was a large object kept for the next request, and its growth by doubling
    // left 1 MB more of garbage on the large object heap each time.
    internal const int ChunkBytes = 16 * 1024;

    private readonly MemoryStream _chunk = new(ChunkBytes * 2);
    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { Indented = true });

    /// <summary>What the server keeps between requests for its replies.</summary>
    internal int KeptBufferBytes => _chunk.Capacity;

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
        if (request == "status")
            await WriteStatusAsync(client, await snapshot(timeout.Token), timeout.Token);
        else
            await client.SendAsync("{\"error\":\"unknown request\"}\n"u8.ToArray(), SocketFlags.None, timeout.Token);
    }

    /// <summary>The document <see cref="StatusJsonContext"/> writes for <see cref="DaemonStatus"/>, sent a chunk at a time.</summary>
    private async Task WriteStatusAsync(Socket client, DaemonStatus status, CancellationToken cancellationToken)
    {
        var types = StatusJsonContext.Default;
        _chunk.SetLength(0);
        _json.Reset(_chunk);
        _json.WriteStartObject();
        _json.WriteNumber("pid", status.Pid);
        _json.WriteString("configFile", status.ConfigFile);
        _json.WriteString("startedAt", status.StartedAt);
        if (status.LastReload is { } reload)
            _json.WriteString("lastReload", reload);
        else
            _json.WriteNull("lastReload");
        _json.WriteStartArray("instances");
        foreach (var row in status.Instances)
        {
            JsonSerializer.Serialize(_json, row, types.InstanceStatus);
            if (_json.BytesPending + _chunk.Length >= ChunkBytes)
                await SendChunkAsync(client, cancellationToken);
        }

        _json.WriteEndArray();
        _json.WritePropertyName("runtime");
        JsonSerializer.Serialize(_json, status.Runtime, types.RuntimeStatus);
        _json.WriteEndObject();
        _json.Flush();
        _chunk.Write("\n"u8);
        await SendChunkAsync(client, cancellationToken);
    }

    private async Task SendChunkAsync(Socket client, CancellationToken cancellationToken)
    {
        _json.Flush();
        await client.SendAsync(_chunk.GetBuffer().AsMemory(0, (int)_chunk.Length), SocketFlags.None, cancellationToken);
        _chunk.SetLength(0);
    }

    public void Dispose()
    {
        _json.Dispose();
        _chunk.Dispose();
        _listener.Dispose();
        File.Delete(path);
    }
}
