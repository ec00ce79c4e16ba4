using System.Text.Encodings.Web;
using HaVip.Domain.Errors;
using HaVip.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. Missing, unknown, expired and revoked keys all get the
/// same 401 problem: the answer never tells whether a key (or an id) exists. Too many failed
/// attempts from one address answer 429 (<see cref="FailedKeyAttempts"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, FailedKeyAttempts attempts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";
    private const string RetryAfterItem = "havip.auth.retryAfter";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("not a bearer token");
        }
        var outcome = await attempts.AuthenticateAsync(Context, header[BearerPrefix.Length..].Trim());
        if (outcome.RetryAfter is { } wait)
        {
            Context.Items[RetryAfterItem] = wait;
            return AuthenticateResult.Fail("too many failed key attempts from this address");
        }
        return outcome.Caller is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName))
            : AuthenticateResult.Fail("unknown, expired or revoked key");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RetryAfterItem] is TimeSpan wait)
        {
            RetryAfter.Set(Context, wait);
            return WriteProblemAsync(ErrorCode.RateLimited, "Too many failed key attempts from this address; retry after the Retry-After header.");
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(ErrorCode.Unauthorized, "Send a valid key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(ErrorCode.Forbidden, "This key's role does not allow this request.");

    private Task WriteProblemAsync(ErrorCode code, string message)
    {
        Response.StatusCode = ErrorStatus.Of(code);
        return ProblemWriter.Result(Context, code, message).ExecuteAsync(Context);
    }
}
