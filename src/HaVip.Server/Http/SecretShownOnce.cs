using System.Text.Json.Nodes;

namespace HaVip.Server.Http;

/// <summary>
/// Endpoint metadata: the response's <see cref="Property"/> is a secret shown once. It is never
/// stored with the idempotency record, so a replay answers without it and says so.
/// </summary>
public sealed class SecretShownOnce(string property)
{
    public const string Header = "Secret-Omitted";
    public const string Explanation = "The secret is shown only once, in the first response; this replay leaves it out.";

    public string Property { get; } = property;

    /// <summary>The body with the secret set to null, and whether there was one to remove.</summary>
    public (byte[] Body, bool Omitted) Redact(byte[] body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not the JSON this endpoint answers with: keep none of it rather than guess where the secret is.
            return ([], true);
        }
        if (json is not JsonObject root || !root.ContainsKey(Property))
        {
            return (body, false);
        }
        root[Property] = null;
        return (System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()), true);
    }
}
