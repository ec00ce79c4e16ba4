using HaVip.Domain.Errors;
using HaVip.Server.Api.Problems;
using HaVip.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Api;

/// <summary>
/// No /v1 request needs a large body, and every body may be buffered (to hash it for
/// idempotency, to parse it): one over <see cref="ServerOptions.MaxRequestBodyBytes"/> is refused
/// with 413 before it is read, by its Content-Length, or while it is read, by the server's limit.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IOptions<ServerOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            return next(context);
        }
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return ProblemWriter.Result(context, ErrorCode.PayloadTooLarge, $"The request body may be at most {limit} bytes.").ExecuteAsync(context);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        return next(context);
    }
}
