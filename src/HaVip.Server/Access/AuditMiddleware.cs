using HaVip.Domain;
using HaVip.Domain.Accounts;
using HaVip.Server.Http;

namespace HaVip.Server.Access;

/// <summary>Records every change an authenticated caller asks of the tenant API, and how it ended.</summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditLog log, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var caller = Caller.From(context.User);
        if (caller is null || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }
        var at = time.UtcNow();
        try
        {
            await next(context);
            await RecordAsync(context, caller, at, context.Response.StatusCode, context.Items[ProblemWriter.CodeItem] as string);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The exception handler further out turns it into the response; record what that will be.
            var code = ProblemExceptionHandler.Classify(e)?[0].Code;
            await RecordAsync(context, caller, at, code is { } c ? ErrorStatus.Of(c) : StatusCodes.Status500InternalServerError, code?.ToString() ?? "InternalError");
            throw;
        }
    }

    // Not cancelled with the request: the change was made, so its entry is kept even when the client has gone.
    private ValueTask RecordAsync(HttpContext context, Caller caller, DateTime at, int status, string? code) => log.RecordAsync(new AuditEntry
    {
        At = at,
        AccountId = caller.AccountId,
        KeyId = caller.KeyId,
        KeyPrefix = caller.Prefix,
        Method = context.Request.Method,
        Path = Truncate(context.Request.Path.Value ?? "", 512),
        ResourceId = ResourceOf(context),
        StatusCode = status,
        Code = status >= 400 ? code : null,
    }, CancellationToken.None);

    /// <summary>The route's id, or for a create the new resource's (the last segment of Location).</summary>
    private static string? ResourceOf(HttpContext context)
    {
        if (context.Request.RouteValues.TryGetValue("id", out var id) && id is string routeId)
        {
            return Truncate(routeId, 64);
        }
        var location = context.Response.Headers.Location.ToString();
        return location.Length > 0 ? Truncate(location[(location.LastIndexOf('/') + 1)..], 64) : null;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
