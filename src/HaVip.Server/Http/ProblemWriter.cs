using HaVip.Domain.Errors;
using Microsoft.AspNetCore.Mvc;

namespace HaVip.Server.Http;

/// <summary>RFC 9457 problem details with a stable <c>code</c> and, for validation, every failing field in <c>errors</c>.</summary>
public static class ProblemWriter
{
    /// <summary>Where the code of a request's problem is left for the audit log.</summary>
    public const string CodeItem = "havip.problem.code";

    public static ProblemDetails Create(HttpContext context, IReadOnlyList<DomainError> errors)
    {
        var code = errors[0].Code;
        var problem = new ProblemDetails
        {
            Status = ErrorStatus.Of(code),
            Title = ErrorStatus.Title(code),
            Detail = errors.Count == 1 ? errors[0].Message : string.Join(" ", errors.Select(e => e.Message)),
            Type = $"https://havip.dev/problems/{code}",
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = code.ToString();
        context.Items[CodeItem] = code.ToString();
        var fields = errors.Where(e => e.Field is not null).GroupBy(e => e.Field!)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        if (fields.Count > 0)
        {
            problem.Extensions["errors"] = fields;
        }
        return problem;
    }

    public static IResult Result(HttpContext context, IReadOnlyList<DomainError> errors)
    {
        var problem = Create(context, errors);
        return Results.Problem(problem);
    }

    public static IResult Result(HttpContext context, ErrorCode code, string message, string? field = null) =>
        Result(context, [new DomainError(code, message, field)]);
}
