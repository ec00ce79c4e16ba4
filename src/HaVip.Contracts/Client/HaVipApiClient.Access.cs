using HaVip.Contracts.Api;

namespace HaVip.Contracts.Client;

/// <summary>Accounts, API keys and the audit log.</summary>
public sealed partial class HaVipApiClient
{
    public Task<AccountDto> CreateAccountAsync(CreateAccountRequest request, CancellationToken ct) =>
        SendAsync<AccountDto>(HttpMethod.Post, "/v1/accounts", request, ct);

    public Task<Page<AccountDto>> ListAccountsAsync(PageRequest page, CancellationToken ct) =>
        GetAsync<Page<AccountDto>>(Query.Build("/v1/accounts", page), ct);

    public Task<AccountDto> GetAccountAsync(string id, CancellationToken ct) => GetAsync<AccountDto>($"/v1/accounts/{Id(id)}", ct);

    public Task<CreatedApiKeyDto> CreateKeyAsync(CreateApiKeyRequest request, CancellationToken ct) =>
        SendAsync<CreatedApiKeyDto>(HttpMethod.Post, "/v1/keys", request, ct);

    public Task<Page<ApiKeyDto>> ListKeysAsync(string? accountId, PageRequest page, CancellationToken ct) =>
        GetAsync<Page<ApiKeyDto>>(Query.Build("/v1/keys", page, ("accountId", accountId)), ct);

    public Task<ApiKeyDto> GetKeyAsync(string id, CancellationToken ct) => GetAsync<ApiKeyDto>($"/v1/keys/{Id(id)}", ct);

    public Task<ApiKeyDto> UpdateKeyAsync(string id, UpdateApiKeyRequest request, CancellationToken ct) =>
        SendAsync<ApiKeyDto>(HttpMethod.Patch, $"/v1/keys/{Id(id)}", request, ct);

    public Task RevokeKeyAsync(string id, CancellationToken ct) => SendNoContentAsync(HttpMethod.Delete, $"/v1/keys/{Id(id)}", ct);

    public Task<Page<AuditEntryDto>> ListAuditAsync(string? accountId, PageRequest page, CancellationToken ct) =>
        GetAsync<Page<AuditEntryDto>>(Query.Build("/v1/audit", page, ("accountId", accountId)), ct);
}
