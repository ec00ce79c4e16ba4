using System.Net;
using System.Text.Json;

namespace HaVip.Contracts.Client;

/// <summary>An RFC 9457 problem as the server sent it, or as close as a non-problem error body allows.</summary>
public sealed record ApiProblem(
    int Status,
    string Title,
    string? Code,
    string? Detail,
    IReadOnlyDictionary<string, string[]> Errors,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Reads the problem body; a proxy's HTML page or an empty body still yields the status.</summary>
    public static ApiProblem Parse(HttpStatusCode status, string? reason, string body, TimeSpan? retryAfter)
    {
        var fallbackTitle = $"HTTP {(int)status} {reason}".TrimEnd();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ApiProblem((int)status, fallbackTitle, null, null, Empty, retryAfter);
            }
            return new ApiProblem(
                (int)status,
                Text(root, "title") ?? fallbackTitle,
                Text(root, "code"),
                Text(root, "detail"),
                FieldErrors(root),
                retryAfter);
        }
        catch (JsonException)
        {
            var detail = string.IsNullOrWhiteSpace(body) ? null : body.Trim();
            return new ApiProblem((int)status, fallbackTitle, null, detail, Empty, retryAfter);
        }
    }

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string[]> FieldErrors(JsonElement root)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return result;
        }
        foreach (var field in errors.EnumerateObject())
        {
            result[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                ? field.Value.EnumerateArray().Select(e => e.ToString()).ToArray()
                : [field.Value.ToString()];
        }
        return result;
    }
}

/// <summary>The server refused the request; carries the problem so commands can print it.</summary>
public sealed class ApiProblemException(ApiProblem problem)
    : Exception($"{problem.Title} ({problem.Code ?? problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)})")
{
    public ApiProblem Problem { get; } = problem;
}
