using System.Text.Json;
using HaVip.Domain.Errors;
using HaVip.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace HaVip.Server.Http;

/// <summary>
/// Turns refused requests into problems: domain rule violations with their own code, and
/// malformed JSON, wrong types and unknown enum values as InvalidParameter naming the field
/// (never a .NET type). Never a 500 for bad input.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    private const string RetryAfterSeconds = "1";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var errors = Classify(exception);
        if (errors is null)
        {
            return false;
        }
        var problem = ProblemWriter.Create(context, errors);
        if (exception is not DomainException)
        {
            LogRefused(logger, context.Request.Method, LogText.Escape(context.Request.Path.Value), LogText.Escape(context.Request.QueryString.Value),
                LogText.Escape(problem.Detail));
        }
        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The problem an exception stands for, or null when it is a bug (a 500).</summary>
    public static IReadOnlyList<DomainError>? Classify(Exception exception) => exception switch
    {
        DomainException domain => domain.Errors,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => [new DomainError(ErrorCode.PayloadTooLarge, "the request body is larger than the server accepts.")],
        BadHttpRequestException bad => [BadRequests.Describe(bad)],
        JsonException json => [BadRequests.Describe(json)],
        _ when StorageErrors.IsUnavailable(exception) || StorageErrors.IsConflict(exception) =>
            [new DomainError(ErrorCode.Unavailable, "the database is not answering or too busy right now; retry shortly.")],
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}{Query}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string query, string reason);
}
