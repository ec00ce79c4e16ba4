using System.Text.Json;
using HaVip.Domain.Errors;
using HaVip.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace HaVip.Server.Api.Problems;

/// <summary>
/// Turns refused requests into problems: domain rule violations with their own code, and
/// malformed JSON, wrong types and unknown enum values as InvalidParameter. Never a 500 for
/// bad input.
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
        if (exception is not DomainException)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        }
        var problem = ProblemWriter.Create(context, errors);
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
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } tooLarge => [new DomainError(ErrorCode.PayloadTooLarge, tooLarge.Message)],
        BadHttpRequestException bad => [new DomainError(ErrorCode.InvalidParameter, Describe(bad))],
        JsonException json => [new DomainError(ErrorCode.InvalidParameter, $"the request body is not valid: {json.Message}")],
        _ when StorageErrors.IsUnavailable(exception) || StorageErrors.IsConflict(exception) =>
            [new DomainError(ErrorCode.Unavailable, "the database is not answering or too busy right now; retry shortly.")],
        _ => null,
    };

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => $"the request body is not valid JSON for this operation: {json.Message}",
        _ => bad.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);
}
