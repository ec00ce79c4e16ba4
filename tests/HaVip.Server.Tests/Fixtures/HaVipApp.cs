using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Fixtures;

/// <summary>The real server on a fresh database (see <see cref="TestDatabase"/>), without the demo inventory.</summary>
public sealed class HaVipApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new();

    /// <summary>When set, the server's clock; deadlines move only when the test advances it.</summary>
    public FakeTimeProvider? Time { get; init; }

    /// <summary>Seed the demo inventory, as a fresh production server does.</summary>
    public bool Demo { get; init; }

    public ApiClient Api => new(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("HaVip:DataDir", _database.DataDir);
        if (_database.ConnectionString is not null)
        {
            builder.UseSetting("HaVip:Database", _database.ConnectionString);
        }
        builder.UseSetting("HaVip:Demo", Demo ? "true" : "false");
        builder.UseSetting("HaVip:DeadlineCheckInterval", "01:00:00");
        builder.ConfigureServices(services =>
        {
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }
        });
    }

    public T Scoped<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<T> ScopedAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
