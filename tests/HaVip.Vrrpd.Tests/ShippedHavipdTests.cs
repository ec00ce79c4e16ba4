using System.Diagnostics;

namespace HaVip.Vrrpd.Tests;

/// <summary>The havipd that the network tests start is the one that ships.</summary>
public sealed class ShippedHavipdTests
{
    [Fact]
    public async Task TheHavipdUnderTest_IsTheNativeAotBuildInCi_AndRuns()
    {
        var command = HavipdPath.Command;
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            command.Should().ContainSingle("under CI the tests run the published Native AOT havipd (scripts/test.sh sets HAVIPD_EXE), not `dotnet havipd.dll`");
            var magic = new byte[4];
            await using (var file = File.OpenRead(command[0]))
            {
                await file.ReadExactlyAsync(magic, TestContext.Current.CancellationToken);
            }
            magic.Should().Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], "a Native AOT build is a native ELF executable");
        }

        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1).Append("--version"))
        {
            info.ArgumentList.Add(arg);
        }
        using var havipd = Process.Start(info)!;
        var version = await havipd.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await havipd.WaitForExitAsync(TestContext.Current.CancellationToken);

        havipd.ExitCode.Should().Be(0, await havipd.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }
}
