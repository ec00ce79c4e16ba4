using System.ComponentModel;
using System.Runtime.InteropServices;

namespace HaVip.Linux.Namespaces;

/// <summary>
/// Runs code on a short-lived thread moved into a named network namespace with setns(2), without
/// moving the process. What the code creates there (a socket) keeps that namespace for good, so
/// the caller then uses it from any thread. The one setns of the tree.
/// </summary>
public static partial class Netns
{
    private const int CloneNewNet = 0x40000000;

    /// <exception cref="InvalidOperationException">The namespace could not be joined, or <paramref name="body"/> threw (the inner exception).</exception>
    public static T Run<T>(string netns, Func<T> body)
    {
        T result = default!;
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
                result = body();
            }
            catch (Exception e)
            {
                // Anything escaping a thread ends the process: it goes to the caller instead.
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"in netns {netns}: {failure.Message}", failure);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
