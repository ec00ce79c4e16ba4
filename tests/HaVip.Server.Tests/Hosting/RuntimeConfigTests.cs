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

    [Fact]
    public void ServerRuntimeConfig_Gen0BudgetCapped()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "HaVip.Server.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget).Should()
            .BeTrue("uncapped, Server GC's gen0 budget follows the cache size the CPU reports, and the free regions it keeps for it were most of the server's memory after a fleet's first start");
        budget.GetInt64().Should().Be(32L * 1024 * 1024);
        properties.GetProperty("System.GC.Server").GetBoolean().Should().BeTrue("the cap bounds Server GC's budget; it does not replace Server GC");
    }
}
