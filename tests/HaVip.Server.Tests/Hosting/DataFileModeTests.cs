using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Hosting;

/// <summary>The data directory is its owner's alone (0700), and so are the database and admin.key (0600).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFileModeTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task FreshServer_CreatesItsDataOwnerOnly()
    {
        await using var app = new HaVipApp { KnownAdminKey = false };
        await WriteSomethingAsync(app, app.DataDir);

        AssertOwnerOnly(app.DataDir);
    }

    [Fact]
    public async Task ExistingLooseDataDir_IsTightenedAtStart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "havip-modes-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["HaVip:DataDir"] = dataDir };
        try
        {
            await using (var first = new HaVipApp { KnownAdminKey = false, Settings = settings })
            {
                _ = first.Services;
            }
            const UnixFileMode everyoneReads = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(dataDir, OwnerOnlyDirectory | everyoneReads | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            foreach (var file in Directory.GetFiles(dataDir))
            {
                File.SetUnixFileMode(file, OwnerOnlyFile | everyoneReads);
            }

            await using var second = new HaVipApp { KnownAdminKey = false, Settings = settings };
            await WriteSomethingAsync(second, dataDir);

            AssertOwnerOnly(dataDir);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>A write with the server's own admin key, so that SQLite has made its -wal and -shm files.</summary>
    private static async Task WriteSomethingAsync(HaVipApp app, string dataDir)
    {
        _ = app.Services;
        var admin = app.ApiWithKey((await File.ReadAllTextAsync(Path.Combine(dataDir, "admin.key"), TestContext.Current.CancellationToken)).Trim());
        await admin.VpcAsync();
    }

    private static void AssertOwnerOnly(string dataDir)
    {
        File.GetUnixFileMode(dataDir).Should().Be(OwnerOnlyDirectory);
        File.GetUnixFileMode(Path.Combine(dataDir, "admin.key")).Should().Be(OwnerOnlyFile);
        if (!TestDatabase.UsesPostgres)
        {
            var files = new[] { "havip.db", "havip.db-wal", "havip.db-shm" }.Select(f => Path.Combine(dataDir, f)).ToArray();
            files.Should().OnlyContain(f => File.Exists(f), "the server holds its database open in WAL mode after a write");
            files.Select(File.GetUnixFileMode).Should().OnlyContain(m => m == OwnerOnlyFile);
        }
    }
}
