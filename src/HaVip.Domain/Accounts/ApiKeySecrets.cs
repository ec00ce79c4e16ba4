using System.Security.Cryptography;
using System.Text;

namespace HaVip.Domain.Accounts;

/// <summary>
/// Key secrets: "hvk_" and 40 random letters and digits (238 bits). That much entropy makes a
/// plain SHA-256 safe to store and to look keys up by; a slow password hash would only cost
/// every request time.
/// </summary>
public static class ApiKeySecrets
{
    public const string Scheme = "hvk_";
    public const int PrefixLength = 12;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int RandomLength = 40;

    public static string New() => Scheme + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The part of a secret that may be shown again: enough to recognise it, far too little to use it.</summary>
    public static string PrefixOf(string secret) => secret.Length <= PrefixLength ? secret : secret[..PrefixLength];

    /// <summary>False for anything that cannot be a key, so garbage never reaches the database.</summary>
    public static bool IsWellFormed(string? secret) =>
        secret is { Length: > 16 and <= 200 } && secret.AsSpan().IndexOfAnyExcept(Alphabet + "_-.") < 0;
}
