using HaVip.Domain.Accounts;
using HaVip.Observability;
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
        var metrics = routes.MapGet("/metrics", async (HaVipQueries queries, AccountScope scope, HaVipMetrics metrics, PrometheusExporter exporter, CancellationToken ct) =>
        {
            // The platform's gauges count every account's HAVIPs.
            scope.UseAll();
            metrics.SetCounts(await queries.CountByStatusAsync(ct));
            return TypedResults.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8");
        }).ExcludeFromDescription();
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
