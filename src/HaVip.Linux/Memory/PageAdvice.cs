using System.Runtime.InteropServices;

namespace HaVip.Linux.Memory;

/// <summary>
/// <c>madvise(2)</c> for the few pages a daemon can hand back: the clean pages of its executable
/// and libraries that only start-up touched.
/// </summary>
public static partial class PageAdvice
{
    private const int MadvDontNeed = 4;

    /// <summary>
    /// MADV_DONTNEED on [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>):
    /// the process's page-table entries go, the page cache keeps the pages, and the next touch maps
    /// them again (a minor fault). Only safe for mappings whose pages are all clean file pages: a
    /// private page the process wrote would be lost. Null on success, else the error.
    /// </summary>
    public static string? DontNeed(nuint start, nuint length) =>
        Madvise(start, length, MadvDontNeed) == 0 ? null : $"madvise(MADV_DONTNEED): {Marshal.GetLastPInvokeErrorMessage()}";

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
