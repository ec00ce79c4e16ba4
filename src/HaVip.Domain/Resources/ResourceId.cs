using System.Security.Cryptography;

namespace HaVip.Domain.Resources;

/// <summary>Random, prefixed resource ids: "havip-" followed by 12 lowercase letters and digits.</summary>
public static class ResourceId
{
    public const string VpcPrefix = "vpc-";
    public const string SubnetPrefix = "subnet-";
    public const string InstancePrefix = "i-";
    public const string HaVipPrefix = "havip-";
    public const string AccountPrefix = "acct-";
    public const string KeyPrefix = "key-";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int RandomLength = 12;

    /// <summary>No id is longer; a longer one is refused before it reaches a query, a log or an event.</summary>
    private const int MaxLength = 32;

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    public static string NewKeyId() => New(KeyPrefix);

    /// <summary>True when <paramref name="id"/> has the prefix and 8 to 32 lowercase letters and digits.</summary>
    public static bool IsWellFormed(string? id, string prefix) =>
        id is not null
        && id.StartsWith(prefix, StringComparison.Ordinal)
        && id.Length >= prefix.Length + 8
        && id.Length <= prefix.Length + MaxLength
        && id.AsSpan(prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
