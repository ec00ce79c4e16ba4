using System.Diagnostics;

namespace HaVip.Cli.Tests.Commands;

/// <summary>Without root, every lab command says why and exits non-zero, touching nothing.</summary>
public sealed class NotRootTests
{
    [Theory]
    [InlineData("up")]
    [InlineData("down")]
    [InlineData("lab", "probe", "10.0.240.3")]
    public async Task LabCommand_AsUnprivilegedUser_ExplainsAndFails(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "havip.dll");
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
        output.Should().Contain("run it as root");
    }
}
