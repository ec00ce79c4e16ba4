using Microsoft.Playwright;

namespace HaVip.Server.Tests.Browser;

/// <summary>
/// Where the browser tests leave their screenshots: HAVIP_SCREENSHOTS_DIR (docs/console to refresh
/// the README's pictures), else artifacts/screenshots of the repository, else the temp directory.
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        // Relative to the repository: the test host's working directory is its bin folder.
        var root = RepositoryRoot() ?? Path.GetTempPath();
        var dir = Environment.GetEnvironmentVariable("HAVIP_SCREENSHOTS_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured, root)
            : Path.Combine(root, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name), FullPage = true });
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HaVip.slnx")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
