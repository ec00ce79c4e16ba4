using HaVip.Domain.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Http;

/// <summary>
/// The answers the framework gives without a body (no route, wrong method, wrong media type) and
/// oversized bodies become problems with a stable code, like every other refusal.
/// </summary>
internal static class StatusCodeProblems
{
    public static WebApplication UseHaVipStatusCodeProblems(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (CodeOf(http.Response.StatusCode) is { } code)
            {
                await ProblemWriter.Result(http, code, MessageOf(code)).ExecuteAsync(http);
            }
            else
            {
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext { HttpContext = http });
            }
        });
        app.Use(LimitBodyAsync);
        return app;
    }

    /// <summary>Refuses a declared oversize body at once, and caps what an undeclared (chunked) one may send.</summary>
    private static async Task LimitBodyAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await ProblemWriter.Result(context, ErrorCode.PayloadTooLarge, $"the request body is larger than this server accepts ({limit} bytes).")
                .ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        await next(context);
    }

    private static ErrorCode? CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCode.InvalidParameter,
        StatusCodes.Status401Unauthorized => ErrorCode.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCode.Forbidden,
        StatusCodes.Status404NotFound => ErrorCode.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCode.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => ErrorCode.PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCode.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ErrorCode.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorCode.Unavailable,
        _ => null,
    };

    private static string MessageOf(ErrorCode code) => code switch
    {
        ErrorCode.NotFound => "nothing is at this path.",
        ErrorCode.MethodNotAllowed => "this path does not take this method; the Allow header lists those it takes.",
        ErrorCode.UnsupportedMediaType => "send the request body as application/json.",
        ErrorCode.PayloadTooLarge => "the request body is larger than this server accepts.",
        _ => ErrorStatus.Title(code),
    };
}
