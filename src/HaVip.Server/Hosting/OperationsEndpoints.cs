using HaVip.Domain.Accounts;
using HaVip.Server.Agents;
using HaVip.Server.HaVips;
using HaVip.Server.Http;
using HaVip.Storage;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace HaVip.Server.Hosting;

public static class OperationsEndpoints
{
    public static void MapOperations(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        routes.MapGet("/readyz", async (HaVipDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct)
                ? Results.Text("ready")
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The database does not answer.")).ExcludeFromDescription();
        // The platform's gauges count every account's HAVIPs, read before the SDK collects.
        var metrics = routes.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: scrape => scrape.Use(async (context, next) =>
        {
            var services = context.RequestServices;
            services.GetRequiredService<AccountScope>().UseAll();
            services.GetRequiredService<HaVipMetrics>().SetCounts(await services.GetRequiredService<HaVipQueries>().CountByStatusAsync(context.RequestAborted));
            services.GetRequiredService<HaVipMetrics>().SetFindingCounts(await services.GetRequiredService<HaVipQueries>().CountByFindingAsync(context.RequestAborted));
            services.GetRequiredService<HaVipMetrics>().SetHostCounts(await services.GetRequiredService<HostQueries>().CountByStateAsync(context.RequestAborted));
            await next(context);
        }), optionsName: null);
        // Platform-wide counts are for operators: an admin key unless the operator opens them.
        if (!routes.ServiceProvider.GetRequiredService<IOptions<ObservabilityOptions>>().Value.AnonymousMetrics)
        {
            metrics.RequireAuthorization(Policies.Admin);
        }
    }

    /// <summary>
    /// The OpenAPI document and its reference page: for a key or a console session (whose
    /// browser the page is for) unless <see cref="ApiOptions.PublicDocs"/> opens them.
    /// </summary>
    public static void MapApiReference(this IEndpointRouteBuilder routes)
    {
        var document = routes.MapOpenApi("/openapi/{documentName}.json");
        var page = routes.MapScalarApiReference("/docs", o => o.WithTitle("HaVip API"));
        if (!routes.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.PublicDocs)
        {
            document.RequireAuthorization(p => p.RequireRole(nameof(ApiKeyRole.Tenant), nameof(ApiKeyRole.Admin)));
            page.RequireAuthorization(p => p.RequireRole(nameof(ApiKeyRole.Tenant), nameof(ApiKeyRole.Admin)));
        }
    }
}
