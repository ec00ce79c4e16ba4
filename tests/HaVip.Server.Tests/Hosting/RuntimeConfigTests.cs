using System.Text.Json;

namespace HaVip.Server.Tests.Hosting;

/// <summary>The runtime settings the server ships with (its runtimeconfig.json, beside the tests' copy of the server).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void ServerRuntimeConfig_ThreadPoolWorkersDoNotSpin()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "HaVip.Server.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spin).Should()
            .BeTrue("idle workers must block at once: spinning was a third of the server's CPU under steady changes");
        spin.GetInt32().Should().Be(0);
    }
}
