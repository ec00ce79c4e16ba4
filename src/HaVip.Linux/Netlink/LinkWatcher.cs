using System.Net.Sockets;
using HaVip.Linux.Native;

namespace HaVip.Linux.Netlink;

/// <summary>
/// Subscribes to RTNLGRP_LINK and reports every RTM_NEWLINK/RTM_DELLINK the kernel multicasts,
/// so track_interface reacts to carrier and admin state at once instead of polling.
/// </summary>
public sealed class LinkWatcher : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];

    public LinkWatcher()
    {
        _socket = NativeSocket.Create(LinuxConstants.AfNetlink, LinuxConstants.NetlinkRoute);
        Span<byte> address = stackalloc byte[SockaddrNl.Length];
        SockaddrNl.Write(address, groups: 1u << (LinuxConstants.RtnlGroupLink - 1));
        NativeSocket.Bind(_socket, address);
    }

    /// <summary>Waits for the next batch of link changes; a deleted link is reported as down.</summary>
    public async Task<IReadOnlyList<LinkInfo>> NextAsync(CancellationToken cancellationToken)
    {
        var n = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
        var links = new List<LinkInfo>();
        foreach (var m in NetlinkMessage.ReadAll(_buffer.AsMemory(0, n)))
        {
            if (m.Type is not (NetlinkConstants.RtmNewLink or NetlinkConstants.RtmDelLink) || LinkInfo.TryParse(m.Payload.Span) is not { } link)
                continue;
            links.Add(m.Type == NetlinkConstants.RtmDelLink ? link with { Flags = 0 } : link);
        }

        return links;
    }

    public void Dispose() => _socket.Dispose();
}
