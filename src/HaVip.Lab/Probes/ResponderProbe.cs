using System.Net;
using System.Net.Sockets;
using System.Text;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab.Probes;

/// <summary>One TCP connection from inside a namespace to the responder every lab instance runs (<see cref="LabSpec.ResponderPort"/>), which answers with its name.</summary>
public static class ResponderProbe
{
    /// <summary>The name of whoever answered at <paramref name="address"/> (IPv4 or IPv6) within <paramref name="timeout"/>, or null.</summary>
    public static async Task<string?> AskAsync(string netns, string address, TimeSpan timeout)
    {
        var target = IPAddress.Parse(address);
        using var socket = NetnsSockets.Create(netns, target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(target, LabSpec.ResponderPort), cts.Token);
            var buffer = new byte[256];
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null;
        }
    }
}
