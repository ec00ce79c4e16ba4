using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HaVip.Domain.Errors;

namespace HaVip.Server.Http;

/// <summary>
/// What a request the framework could not read is told: the field (a JSON path such as
/// <c>instanceIds[0]</c>, or a query parameter) and why, in our words. The framework's own
/// messages name .NET types (<c>HaVip.Contracts.Api.CreateHaVipRequest</c>, <c>Nullable&lt;int&gt;</c>)
/// and are never passed on.
/// </summary>
internal static partial class BadRequests
{
    private const int MaxEchoedValue = 64;

    public static DomainError Describe(BadHttpRequestException bad) => bad switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => new DomainError(ErrorCode.PayloadTooLarge, "the request body is larger than this server accepts."),
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new DomainError(ErrorCode.UnsupportedMediaType, "send the request body as application/json."),
        { InnerException: JsonException json } => Describe(json),
        _ when BindFailure().Match(bad.Message) is { Success: true } m => new DomainError(ErrorCode.InvalidParameter,
            $"{m.Groups["name"].Value} has an invalid value '{Shorten(m.Groups["value"].Value)}'.", m.Groups["name"].Value),
        _ when Missing().Match(bad.Message) is { Success: true } m => new DomainError(ErrorCode.InvalidParameter,
            $"{m.Groups["name"].Value} is required.", m.Groups["name"].Value),
        _ => new DomainError(ErrorCode.InvalidParameter, "the request could not be read."),
    };

    public static DomainError Describe(JsonException json)
    {
        var field = FieldOf(json.Path);
        var where = json.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {json.BytePositionInLine + 1})")
            : "";
        return field is null
            ? new DomainError(ErrorCode.InvalidParameter, $"the request body is not a valid JSON object for this operation{where}.")
            : new DomainError(ErrorCode.InvalidParameter, $"{field} is not valid JSON or not of the expected type{where}.", field);
    }

    /// <summary>"$.nics[0].subnetId" → "nics[0].subnetId", the form every other field error uses; "$" → none.</summary>
    private static string? FieldOf(string? path) => path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path is { Length: > 1 } && path.StartsWith("$[", StringComparison.Ordinal) ? path[1..]
        : null;

    private static string Shorten(string value) => value.Length <= MaxEchoedValue ? value : value[..MaxEchoedValue] + "…";

    // The framework's wording (RequestDelegateFactory): Failed to bind parameter "int? pageSize" from "abc".
    [GeneratedRegex("""^Failed to bind parameter "[^"]*?\s(?<name>[A-Za-z_][A-Za-z0-9_]*)" from "(?<value>.*)"\.?$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    // Required parameter "string instanceId" was not provided from query string.
    [GeneratedRegex("""^Required parameter "[^"]*?\s(?<name>[A-Za-z_][A-Za-z0-9_]*)" was not provided""")]
    private static partial Regex Missing();
}
