using System.Net.Sockets;

namespace HaVip.Linux.Namespaces;

/// <summary>
/// Makes sockets that live in a named network namespace without moving the process (see
/// <see cref="Netns"/>): the socket keeps the namespace it was created in.
/// </summary>
public static class NetnsSockets
{
    public static Socket Create(string netns, AddressFamily family, SocketType type, ProtocolType protocol) =>
        Netns.Run(netns, () => new Socket(family, type, protocol));
}
