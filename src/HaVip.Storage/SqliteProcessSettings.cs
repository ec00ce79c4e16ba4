using SQLitePCL;

namespace HaVip.Storage;

/// <summary>
/// SQLite's process-wide configuration, set before its first connection opens. With memory
/// statistics on (SQLite's default), every allocation SQLite makes takes one global mutex to
/// count it, so requests on different threads queue on it while preparing their statements; the
/// server never reads those statistics.
/// </summary>
internal static class SqliteProcessSettings
{
    private static int _applied;

    /// <summary>
    /// Applies the settings once per process. SQLite accepts them only before it initializes:
    /// when a connection was opened earlier (another component of a test process), they are left
    /// as they are, which changes speed, not behaviour.
    /// </summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }
        Batteries_V2.Init();
        _ = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }
}
