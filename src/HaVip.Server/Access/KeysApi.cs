using HaVip.Contracts.Api;
using HaVip.Server.Http;

namespace HaVip.Server.Access;

/// <summary>API keys (any key holder, for its account), accounts and the audit log (admin).</summary>
public static class KeysApi
{
    public static void MapKeys(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/v1/keys").WithTags("Keys").RequireAuthorization(Policies.Tenant);
        keys.MapPost("/", async (CreateApiKeyRequest request, KeyService service, HttpContext http, CancellationToken ct) =>
        {
            var (key, secret) = await service.CreateAsync(http.Caller(), request, ct);
            return TypedResults.Created($"/v1/keys/{key.Id}", new CreatedApiKeyDto(key.ToDto(), secret));
        }).WithMetadata(new SecretShownOnce("secret"));
        keys.MapGet("/", async (string? accountId, int? pageSize, string? pageToken, KeyService service, HttpContext http, CancellationToken ct) =>
        {
            var (items, next) = await service.ListAsync(http.Caller(), accountId, Paging.Parse(pageSize, pageToken), ct);
            return new Page<ApiKeyDto>(items.Select(k => k.ToDto()).ToArray(), next);
        });
        keys.MapGet("/{id}", async (string id, KeyService service, HttpContext http, CancellationToken ct) =>
            (await service.GetAsync(http.Caller(), id, ct)).ToDto());
        keys.MapPatch("/{id}", async (string id, UpdateApiKeyRequest request, KeyService service, HttpContext http, CancellationToken ct) =>
            (await service.UpdateAsync(http.Caller(), id, request, ct)).ToDto());
        keys.MapDelete("/{id}", async (string id, KeyService service, HttpContext http, CancellationToken ct) =>
        {
            await service.RevokeAsync(http.Caller(), id, ct);
            return TypedResults.NoContent();
        });

        var accounts = routes.MapGroup("/v1/accounts").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        accounts.MapPost("/", async (CreateAccountRequest request, AccountService service, CancellationToken ct) =>
        {
            var account = await service.CreateAsync(request.Name, ct);
            return TypedResults.Created($"/v1/accounts/{account.Id}", account.ToDto());
        });
        accounts.MapGet("/", async (int? pageSize, string? pageToken, AccountService service, CancellationToken ct) =>
        {
            var (items, next) = await service.ListAsync(Paging.Parse(pageSize, pageToken), ct);
            return new Page<AccountDto>(items.Select(a => a.ToDto()).ToArray(), next);
        });
        accounts.MapGet("/{id}", async (string id, AccountService service, CancellationToken ct) => (await service.GetAsync(id, ct)).ToDto());

        routes.MapGet("/v1/audit", async (string? accountId, int? pageSize, string? pageToken, AuditQueries audit, CancellationToken ct) =>
        {
            var (items, next) = await audit.ListAsync(accountId, Paging.Parse(pageSize, pageToken), ct);
            return new Page<AuditEntryDto>(items.Select(e => e.ToDto()).ToArray(), next);
        }).WithTags("Audit").RequireAuthorization(Policies.Admin);
    }
}
