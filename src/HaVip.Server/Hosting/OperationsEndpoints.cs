using HaVip.Observability;
using HaVip.Server.HaVips;
using HaVip.Storage;

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
        routes.MapGet("/metrics", async (HaVipQueries queries, AccountScope scope, HaVipMetrics metrics, PrometheusExporter exporter, CancellationToken ct) =>
        {
            // The platform's gauges count every account's HAVIPs.
            scope.UseAll();
            metrics.SetCounts(await queries.CountByStatusAsync(ct));
            return TypedResults.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8");
        }).ExcludeFromDescription();
    }
}
