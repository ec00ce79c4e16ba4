using System.Text.Json;

namespace HaVip.Server.Tests.Hosting;

/// <summary>The runtime settings the server ships with (its runtimeconfig.json, beside the tests' copy of the server).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void ServerRuntimeConfig_ThreadPoolWorkersDoNotSpin() =>
        Property("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").Should()
            .Be(0, "idle workers must block at once: spinning was a third of the server's CPU under steady changes");

    [Fact]
    public void ServerRuntimeConfig_ThreadPoolStartsWithWorkersForBlockingDatabaseCalls() =>
        Property("System.Threading.ThreadPool.MinThreads").Should()
            .Be(64, "SQLite's calls hold a worker each: with one worker per core the pool starved for seconds at a fleet's first start");

    /// <summary>The runtimeconfig's number named <paramref name="name"/>; null when it sets none.</summary>
    private static int? Property(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "HaVip.Server.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        return properties.TryGetProperty(name, out var value) ? value.GetInt32() : null;
    }
}
