using System.Text.Encodings.Web;
using HaVip.Domain.Errors;
using HaVip.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. Missing, unknown, expired and revoked keys all get the
/// same 401 problem: the answer never tells whether a key (or an id) exists.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";

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
        var caller = await keys.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        return caller is null
            ? AuthenticateResult.Fail("unknown, expired or revoked key")
            : AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
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
