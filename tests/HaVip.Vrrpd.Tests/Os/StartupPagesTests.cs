using System.Globalization;
using HaVip.Vrrpd.Os;

namespace HaVip.Vrrpd.Tests.Os;

public sealed class StartupPagesTests
{
    // One mapping of each kind /proc/self/smaps shows for a Native AOT havipd (fields trimmed to
    // those that decide); only the first two hold nothing but clean file pages.
    private const string Smaps = """
        555555554000-555555600000 r--p 00000000 08:01 1234                       /usr/sbin/havipd
        Size:                688 kB
        Rss:                 600 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me dw sd
        555555600000-555555800000 r-xp 000ac000 08:01 1234                       /usr/sbin/havipd
        Size:               2048 kB
        Rss:                2000 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me dw sd
        555555800000-555555880000 r--p 002ac000 08:01 1234                       /usr/sbin/havipd
        Rss:                 512 kB
        Private_Dirty:        64 kB
        Anonymous:            64 kB
        VmFlags: rd mr mw me dw ac sd
        555555880000-555555900000 rw-p 0032c000 08:01 1234                       /usr/sbin/havipd
        Rss:                 512 kB
        Anonymous:           512 kB
        VmFlags: rd wr mr mw me dw ac sd
        555555900000-555555a00000 rw-p 00000000 00:00 0
        Rss:                1024 kB
        Anonymous:          1024 kB
        VmFlags: rd wr mr mw me ac sd
        7ffff7c00000-7ffff7d00000 r-xp 00028000 08:01 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
        Rss:                 900 kB
        Anonymous:             0 kB
        VmFlags: rd ex mr mw me lo sd
        7ffff7e00000-7ffff7e10000 r-xs 00000000 00:01 77                         /memfd:doublemapper (deleted)
        Rss:                  64 kB
        Anonymous:             0 kB
        VmFlags: rd ex sh mr mw me ms sd
        7ffff7f00000-7ffff7f02000 r--p 00000000 00:00 0                          [vvar]
        Rss:                   8 kB
        Anonymous:             0 kB
        VmFlags: rd mr pf io de dd sd
        7ffff7f10000-7ffff7f20000 r--p 00000000 08:01 55                         /usr/lib/locale/C.utf8/LC_CTYPE
        Rss:                   0 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me sd
        """;

    [Fact]
    public void Releasable_SmapsOfEveryKind_OnlyMappingsOfCleanFilePages()
    {
        var mappings = StartupPages.Releasable(Smaps.Split('\n'));

        mappings.Should().Equal(
            new StartupPages.Mapping(0x555555554000, 0x555555600000, "/usr/sbin/havipd", 600),
            new StartupPages.Mapping(0x555555600000, 0x555555800000, "/usr/sbin/havipd", 2000));
    }

    /// <summary>
    /// The call itself, in this test process: what it reports handed back leaves the process's
    /// resident file pages (RssFile), though code this test runs afterwards comes back at once.
    /// </summary>
    [Fact]
    public void Release_ThisProcess_ResidentFilePagesDrop()
    {
        var before = RssFileKb();

        var (released, error) = StartupPages.Release();
        var after = RssFileKb();

        error.Should().BeNull();
        released.Should().BeGreaterThan(1024, "a .NET test process has megabytes of clean file pages resident");
        (before - after).Should().BeGreaterThan(released / 2, $"RssFile went from {before} to {after} kB after handing back {released} kB");
    }

    private static long RssFileKb() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssFile:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
