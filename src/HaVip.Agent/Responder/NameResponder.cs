using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HaVip.Agent.Responder;

/// <summary>
/// The test bed's "service" inside an instance: answers every TCP connection with the
/// instance's name, so a client sees which instance serves the VIP. A mode of the agent binary
/// so the lab needs no extra tool. It listens on both families (a dual-mode socket), so an
/// IPv6 HAVIP's client sees the same answer as an IPv4 one's.
/// </summary>
internal static class NameResponder
{
    public const int DefaultPort = 7000;

    public static async Task<int> RunAsync(string name, int port)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        using var listener = new TcpListener(IPAddress.IPv6Any, port);
        listener.Server.DualMode = true;
        listener.Start();
        var answer = Encoding.UTF8.GetBytes(name + "\n");
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                try
                {
                    await client.GetStream().WriteAsync(answer, stop.Token);
                }
                catch (IOException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }
}
