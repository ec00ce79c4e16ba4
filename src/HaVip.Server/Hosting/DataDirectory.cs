namespace HaVip.Server.Hosting;

/// <summary>
/// The data directory holds the database and admin.key: it is its owner's alone (0700) and so is
/// every file in it (0600). A directory or file found looser, from an older version or by hand,
/// is tightened at start, with a log line.
/// </summary>
internal static partial class DataDirectory
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the directory owner-only, or tightens it and what it holds. <paramref name="logger"/>
    /// null tightens silently: after migrations, the database files SQLite just made with the
    /// process umask (inside the owner-only directory, so nobody else could open them meanwhile).
    /// </summary>
    public static void Secure(string path, ILogger? logger)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
        Tighten(path, OwnerOnlyDirectory, logger);
        foreach (var file in Directory.EnumerateFiles(path))
        {
            Tighten(file, OwnerOnlyFile, logger);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string path, UnixFileMode ownerOnly, ILogger? logger)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~ownerOnly) != 0)
        {
            File.SetUnixFileMode(path, mode & ownerOnly);
            if (logger is not null)
            {
                LogTightened(logger, path, Convert.ToString((int)mode, 8), Convert.ToString((int)(mode & ownerOnly), 8));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} was readable by others (mode {Before}); set it to {After}, its owner's only")]
    private static partial void LogTightened(ILogger logger, string path, string before, string after);
}
