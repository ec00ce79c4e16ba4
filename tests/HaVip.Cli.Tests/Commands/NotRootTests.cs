using System.Diagnostics;

namespace HaVip.Cli.Tests.Commands;

/// <summary>Without root, every lab command says why and exits non-zero, touching nothing.</summary>
public sealed class NotRootTests
{
    [Theory]
    [InlineData("up")]
    [InlineData("down")]
    [InlineData("lab", "probe", "10.0.240.3")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task LabCommand_AsUnprivilegedUser_ExplainsAndFails(params string[] args)
    {
        var copy = CopyReadableByAll();
        try
        {
            await RunAsNobodyAsync(Path.Combine(copy, "havip.dll"), args);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task RunAsNobodyAsync(string cli, string[] args)
    {
        var info = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", cli }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        info.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.Should().Be(3, output);
        output.Should().Contain("cannot run the lab").And.Contain("root");
    }

    /// <summary>The build output may sit under a directory only root can read (CI checks out under /root).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string CopyReadableByAll()
    {
        var dir = Directory.CreateTempSubdirectory("havip-cli-").FullName;
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return dir;
    }
}
