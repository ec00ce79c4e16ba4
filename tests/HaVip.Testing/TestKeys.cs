using System.Net.Http.Headers;
using System.Net.Http.Json;
using AwesomeAssertions;
using HaVip.Contracts.Api;

namespace HaVip.Testing;

/// <summary>
/// The admin key every test server accepts (Auth:BootstrapAdminKey), with rate limits off unless
/// a test sets one on its own key, and helpers to send keys.
/// </summary>
public static class TestKeys
{
    public const string Admin = "hvk_TestSuiteAdminKey0000000000000000000000";

    /// <summary>Server arguments that make <see cref="Admin"/> an admin key and turn the default rate limit off.</summary>
    public static readonly string[] ServerArgs = ["--Auth:BootstrapAdminKey", Admin, "--Auth:RateLimitPerSecond", "0"];

    public static HttpClient WithKey(this HttpClient client, string? key = Admin)
    {
        client.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Creates a key through the API with <paramref name="admin"/>'s rights and returns its secret.</summary>
    public static async Task<CreatedApiKeyDto> CreateAsync(HttpClient admin, CreateApiKeyRequest request)
    {
        var response = await admin.PostAsJsonAsync("/v1/keys", request, ApiJson.Options);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return System.Text.Json.JsonSerializer.Deserialize<CreatedApiKeyDto>(text, ApiJson.Options)!;
    }

    public static async Task<string> AgentKeyAsync(HttpClient admin, string host) =>
        (await CreateAsync(admin, new CreateApiKeyRequest($"agent {host}", Role: KeyRole.Agent, Host: host))).Secret;
}
