using System.Net.Sockets;
using HaVip.Net;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Instances;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Tests.Control;

/// <summary>The control socket outlives a client that never finishes its request.</summary>
public sealed class ControlServerTests : IDisposable
{
    // The server gives a request 2 s; a status answer of this fake snapshot takes milliseconds.
    // 15 s is the request timeout plus a margin for a machine at load 30.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly string _dir = Directory.CreateTempSubdirectory("havipd-control-").FullName;

    [Fact]
    public async Task RunAsync_ClientSilentUntilTimeout_NextStatusStillAnswered()
    {
        using var output = new StringWriter();
        using var factory = new LineLoggerFactory(output, LogLevel.Information);
        var path = Path.Combine(_dir, "havipd.sock");
        using var server = new ControlServer(path, _ => Task.FromResult(Snapshot()), factory.CreateLogger("havipd"));
        server.Start();
        using var stop = new CancellationTokenSource();
        var loop = server.RunAsync(stop.Token);

        using (var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await silent.ConnectAsync(new UnixDomainSocketEndPoint(path));
            using var wait = new CancellationTokenSource(Patience);
            // The server closing this connection (0 bytes) is the evidence that its timeout fired.
            var n = await silent.ReceiveAsync(new byte[64], SocketFlags.None, wait.Token);
            n.Should().Be(0, "the server ends a connection that sends nothing");
        }

        using var answer = new CancellationTokenSource(Patience * 2);
        var query = StatusClient.QueryAsync(path, answer.Token);
        var finished = await Task.WhenAny(query, Task.Delay(Patience, TestContext.Current.CancellationToken));
        finished.Should().BeSameAs(query, $"status must still be answered; loop completed: {loop.IsCompleted}, log: {output}");
        (await query).Should().Contain("\"pid\": 4242");
        output.ToString().Should().Contain("control socket request failed");
        loop.IsCompleted.Should().BeFalse("only the daemon's stop token ends the loop");

        await stop.CancelAsync();
        await loop.WaitAsync(Patience);
    }

    /// <summary>
    /// A status of 1,000 instances (about 1 MB of JSON) is the document the serializer writes, and
    /// afterwards the server keeps no buffer of that size for the next request.
    /// </summary>
    [Fact]
    public async Task RunAsync_StatusOf1000Instances_SerializersDocumentAndNoLargeBufferKept()
    {
        using var output = new StringWriter();
        using var factory = new LineLoggerFactory(output, LogLevel.Information);
        var path = Path.Combine(_dir, "havipd.sock");
        var status = Snapshot() with { Instances = [.. Enumerable.Range(0, 1000).Select(Row)], LastReload = DateTimeOffset.UnixEpoch.AddDays(1) };
        using var server = new ControlServer(path, _ => Task.FromResult(status), factory.CreateLogger("havipd"));
        server.Start();
        using var stop = new CancellationTokenSource();
        var loop = server.RunAsync(stop.Token);

        using var answer = new CancellationTokenSource(Patience);
        var text = await StatusClient.QueryAsync(path, answer.Token);

        var expected = System.Text.Json.JsonSerializer.Serialize(status, StatusJsonContext.Default.DaemonStatus) + "\n";
        text.Length.Should().BeGreaterThan(500_000);
        text.Should().Be(expected, $"log: {output}");
        server.KeptBufferBytes.Should().BeLessThan(4 * ControlServer.ChunkBytes, "the reply went out in chunks");

        await stop.CancelAsync();
        await loop.WaitAsync(Patience);
    }

    private static InstanceStatus Row(int i)
    {
        var row = new InstanceStatus
        {
            Name = $"VI_{i}",
            Interface = "eth0",
            VirtualRouterId = i % 255 + 1,
            Version = 2,
            State = i % 2 == 0 ? "MASTER" : "BACKUP",
            StateSince = DateTimeOffset.UnixEpoch.AddSeconds(i),
            PrimaryAddress = "10.0.0.1",
            MasterAddress = i % 2 == 0 ? null : "10.0.0.2",
            BasePriority = 100,
            EffectivePriority = 100,
            AdvertIntervalSeconds = 1,
            AdvertsIn = i,
        };
        row.Transitions[TransitionReason.MasterDownTimerExpired] = 1;
        row.Drops[DropReason.TooShort] = i;
        return row;
    }

    private static DaemonStatus Snapshot() =>
        new(4242, "keepalived.conf", DateTimeOffset.UnixEpoch, null, [], new RuntimeStatus(0, 0, 0, 0, 0, 0, 0));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
