using System.Globalization;
using HaVip.Contracts.Client;

namespace HaVip.Cli.Output;

/// <summary>A refusal on stderr: title and stable code first (what scripts grep), then the detail and every field error.</summary>
internal static class ProblemText
{
    public static void Write(TextWriter error, ApiProblem problem)
    {
        var code = problem.Code is null ? "" : $"{problem.Code}, ";
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"havip: {problem.Title} ({code}HTTP {problem.Status})"));
        if (problem.Detail is { Length: > 0 } detail && !OnlyFieldMessages(detail, problem))
        {
            error.WriteLine($"  {detail}");
        }
        foreach (var (field, messages) in problem.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var message in messages)
            {
                error.WriteLine($"  {field}: {message}");
            }
        }
        if (problem.RetryAfter is { } wait)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  retry after {Math.Ceiling(wait.TotalSeconds)} s"));
        }
    }

    /// <summary>The server's detail joins the field messages; printing both would say everything twice.</summary>
    private static bool OnlyFieldMessages(string detail, ApiProblem problem)
    {
        if (problem.Errors.Count == 0)
        {
            return false;
        }
        var rest = problem.Errors.Values.SelectMany(m => m).Aggregate(detail, (text, message) => text.Replace(message, "", StringComparison.Ordinal));
        return string.IsNullOrWhiteSpace(rest);
    }
}
