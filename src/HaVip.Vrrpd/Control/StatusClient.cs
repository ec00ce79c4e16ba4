using System.Net.Sockets;
using System.Text;

namespace HaVip.Vrrpd.Control;

/// <summary>`havipd status`: asks a running daemon for its snapshot over the control socket.</summary>
internal static class StatusClient
{
    public static async Task<string> QueryAsync(string path, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        await socket.SendAsync("status\n"u8.ToArray(), SocketFlags.None, cancellationToken);
        // Decoded once at the end: a character's bytes may arrive in two reads.
        using var reply = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            reply.Write(buffer, 0, n);
        return Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length);
    }
}
