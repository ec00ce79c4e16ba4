using System.ComponentModel;
using System.Runtime.InteropServices;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// Runs code on a fresh thread moved into a network namespace with setns(2): sockets created
/// there live in that namespace for good, so the test process can probe from a client
/// namespace without spawning tools (ping is not installed on the CI image).
/// </summary>
internal static partial class Netns
{
    private const int CloneNewNet = 0x40000000;

    public static T Run<T>(string name, Func<T> body)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var ns = File.OpenHandle($"/run/netns/{name}");
                if (SetNs(ns.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns {name}");
                result = body();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();
        thread.Join();
        return error is null ? result : throw new InvalidOperationException($"in netns {name}", error);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(nint fd, int nstype);
}
