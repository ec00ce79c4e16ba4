using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace HaVip.Linux.Namespaces;

/// <summary>
/// Makes sockets that live in a named network namespace without moving the process: a
/// short-lived thread joins the namespace, creates the socket and ends. A socket keeps the
/// namespace it was created in, so the caller then uses it from any thread.
/// </summary>
public static partial class NetnsSockets
{
    private const int CloneNewNet = 0x40000000;

    public static Socket Create(string netns, AddressFamily family, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine("/run/netns", netns));
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns({netns}) failed");
                }
                socket = new Socket(family, type, protocol);
            }
            catch (Exception e) when (e is IOException or Win32Exception or SocketException or UnauthorizedAccessException)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"cannot create a socket in netns {netns}: {failure?.Message}", failure);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
