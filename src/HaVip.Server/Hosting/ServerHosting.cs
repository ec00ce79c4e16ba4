using System.Diagnostics.Metrics;
using HaVip.Contracts.Api;
using HaVip.Domain.HaVips;
using HaVip.Server.Access;
using HaVip.Server.Agents;
using HaVip.Server.Console;
using HaVip.Server.HaVips;
using HaVip.Server.Http;
using HaVip.Server.Inventory;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace HaVip.Server.Hosting;

/// <summary>Composition of the server: what Program.cs would otherwise spell out.</summary>
public static class ServerHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddHaVipServer(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        var section = builder.Configuration.GetSection(ServerOptions.Section);
        builder.Services.Configure<ServerOptions>(section);
        builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        builder.Services.Configure<ObservabilityOptions>(builder.Configuration.GetSection(ObservabilityOptions.Section));
        var options = section.Get<ServerOptions>() ?? new ServerOptions();

        var database = DatabaseSettings.Resolve(options.Database, Path.GetFullPath(options.DataDir));
        builder.Services.AddHaVipStorage(database);
        builder.Services.AddReplication(database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChangeSignal>();
        builder.Services.AddSingleton<ChangeTraces>();
        builder.Services.AddSingleton(sp => new WriteGateMetrics(sp.GetRequiredService<IMeterFactory>().Create(HaVipMetrics.MeterName)));
        builder.Services.AddSingleton(sp => new WriteGate(sp.GetRequiredService<ChangeSignal>(), sp.GetRequiredService<ChangeTraces>(),
            sp.GetRequiredService<WriteGateMetrics>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<KnownHosts>();
        builder.Services.AddSingleton<RegionHosts>();
        builder.Services.AddSingleton<HostSightings>();
        builder.Services.AddScoped<HostDirectory>();
        builder.Services.AddScoped<HostLivenessWriter>();
        builder.Services.AddScoped<HostPresence>();
        builder.Services.AddScoped<HostQueries>();
        builder.Services.AddSingleton<LongPollSlots>();
        builder.Services.AddScoped<DesiredStateQuery>();
        builder.Services.AddSingleton<DesiredStateFeed>();
        builder.Services.AddSingleton<DesiredStateCache>();
        builder.Services.AddSingleton<CompleteSyncSlots>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DesiredStateFeed>());
        builder.Services.AddHostedService<ChangeScopeCleanupService>();
        builder.Services.AddScoped<AgentService>();
        builder.Services.AddSingleton(sp => new HaVipClock(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ServerOptions>>().Value.ApplyDeadline));
        builder.Services.AddScoped<HaVipChanges>();
        builder.Services.AddScoped<VpcService>();
        builder.Services.AddScoped<SubnetService>();
        builder.Services.AddScoped<InstanceService>();
        builder.Services.AddScoped<HaVipService>();
        builder.Services.AddScoped<HaVipHealth>();
        builder.Services.AddScoped<HaVipReads>();
        builder.Services.AddSingleton<PreparedSqliteReads>();
        builder.Services.AddScoped<HealthRecorder>();
        builder.Services.AddScoped<HaVipQueries>();
        builder.Services.AddScoped<DeadlineCheck>();
        builder.Services.AddScoped<ReportWriter>();
        builder.Services.AddScoped<HaVipArbitration>();
        builder.Services.AddSingleton<ArbitrationMetrics>();
        builder.Services.AddSingleton<AwaitedAcks>();
        builder.Services.AddSingleton<ReportBatcher>();
        builder.Services.AddSingleton<HostRepairs>();
        builder.Services.AddHostedService<ApplyDeadlineService>();
        builder.Services.AddHostedService<HealthTimelineService>();
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection(IdempotencyOptions.Section));
        builder.Services.AddHostedService<IdempotencyCleanupService>();
        builder.AddHaVipAuth();
        builder.Services.AddScoped<KeyService>();
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<AuditQueries>();
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        builder.Services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<IOptions<AuditOptions>>().Value.QueueCapacity));
        builder.Services.AddHostedService<AuditWriter>();
        builder.Services.AddHostedService<AuditRetentionService>();

        builder.Services.AddSingleton<HaVipMetrics>();
        builder.AddHaVipTelemetry();

        builder.Services.Configure<JsonOptions>(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.AddHaVipConsole();
        return builder;
    }

    /// <summary>Applies migrations (never EnsureCreated) and seeds the demo inventory into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var dataDir = Path.GetFullPath(app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.DataDir);
        DataDirectory.Secure(dataDir, app.Logger);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        if (await DatabaseMigrator.MigrateAsync(db, CancellationToken.None) is { } backup)
        {
            app.Logger.LogInformation("Migrated the database; its copy from before the migration is {Backup}", backup);
        }
        DataDirectory.Secure(dataDir, logger: null);
        await AdminKeyBootstrap.EnsureAsync(scope.ServiceProvider, CancellationToken.None);
        // The demo inventory belongs to the default account, which the first admin key is in.
        db.Scope.Use(Domain.Accounts.Account.DefaultId);
        if (app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.Demo)
        {
            await DemoInventory.SeedIfEmptyAsync(scope.ServiceProvider, CancellationToken.None);
        }
    }

    public static WebApplication MapHaVipServer(this WebApplication app)
    {
        // Created now, not at the first scrape, so that no request goes uncounted.
        app.Services.GetRequiredService<MeterProvider>();
        app.Services.GetRequiredService<HaVipMetrics>();
        app.UseMiddleware<GenericErrorTypes>();
        app.UseExceptionHandler();
        app.UseHaVipStatusCodeProblems();
        app.UseHaVipAuth();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapApiReference();
        app.MapOperations();
        var tenantApi = app.MapGroup("").RequireAuthorization(Policies.Tenant);
        tenantApi.MapVpcs();
        tenantApi.MapSubnets();
        tenantApi.MapInstances();
        tenantApi.MapHaVips();
        app.MapKeys();
        app.MapAgents();
        app.MapHosts();
        app.MapHaVipConsole();
        return app;
    }
}
