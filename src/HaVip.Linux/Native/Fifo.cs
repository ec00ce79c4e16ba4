namespace HaVip.Linux.Native;

/// <summary>Named pipes (mkfifo(3)): keepalived's notify_fifo creates its FIFO when it is missing.</summary>
public static class Fifo
{
    /// <summary>Creates a FIFO (mode 0600) at <paramref name="path"/> unless something exists there.</summary>
    public static void EnsureExists(string path)
    {
        if (File.Exists(path))
            return;
        if (Libc.MakeFifo(path, 0x180) != 0)
            throw new IOException($"mkfifo {path}: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }
}
