using HaVip.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Server.Tests.Fixtures;

/// <summary>The real server on a fresh database (see <see cref="TestDatabase"/>; on PostgreSQL a copy of the migrated template), without the demo inventory.</summary>
public sealed class HaVipApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new(migrated: true) { DropInBackground = true };

    /// <summary>When set, the server's clock; deadlines move only when the test advances it.</summary>
    public FakeTimeProvider? Time { get; init; }

    /// <summary>Accept <see cref="TestKeys.Admin"/>; off, the server makes its own admin key and writes it to admin.key, as a fresh production server does.</summary>
    public bool KnownAdminKey { get; init; } = true;

    /// <summary>The default per-key rate limit (0: none; null: the server's own default).</summary>
    public int? RateLimitPerSecond { get; init; } = 0;

    public string DataDir => _database.DataDir;

    /// <summary>The server's PostgreSQL database (null: SQLite in <see cref="DataDir"/>), for what a test writes before the server starts.</summary>
    public string? ConnectionString => _database.ConnectionString;

    /// <summary>More configuration, as the command line would give it ("HaVip:Idempotency:TimeToLive" = "1.00:00:00").</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Seed the demo inventory, as a fresh production server does.</summary>
    public bool Demo { get; init; }

    /// <summary>A client with the admin key, in the default account.</summary>
    public ApiClient Api => new(CreateClient().WithKey());

    /// <summary>A client that sends <paramref name="key"/> (null: no Authorization header at all).</summary>
    public ApiClient ApiWithKey(string? key) => new(CreateClient().WithKey(key));

    /// <summary>A client with a fresh agent key for <paramref name="host"/>.</summary>
    public async Task<ApiClient> AgentAsync(string host) => ApiWithKey(await TestKeys.AgentKeyAsync(CreateClient().WithKey(), host));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("HaVip:DataDir", _database.DataDir);
        if (_database.ConnectionString is not null)
        {
            builder.UseSetting("HaVip:Database", _database.ConnectionString);
        }
        builder.UseSetting("HaVip:Demo", Demo ? "true" : "false");
        builder.UseSetting("HaVip:DeadlineCheckInterval", "01:00:00");
        builder.UseSetting("HaVip:HealthCheckInterval", "01:00:00");
        if (KnownAdminKey)
        {
            builder.UseSetting("Auth:BootstrapAdminKey", TestKeys.Admin);
        }
        if (RateLimitPerSecond is { } rate)
        {
            builder.UseSetting("Auth:RateLimitPerSecond", rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
        builder.ConfigureServices(services =>
        {
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }
        });
    }

    /// <summary>Runs <paramref name="use"/> in a DI scope that sees every account, as the server's own background work does.</summary>
    public T Scoped<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().UseAll();
        return use(scope.ServiceProvider);
    }

    /// <inheritdoc cref="Scoped{T}"/>
    public async Task<T> ScopedAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().UseAll();
        return await use(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
