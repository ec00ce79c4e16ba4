namespace HaVip.Server.Console.Login;

/// <summary>
/// Where the console may send an operator after signing in: a path of this site, normalized, or
/// "/". Browsers drop tabs and newlines from a Location and read a backslash as a slash, so
/// "/\t/evil.example" and "/\evil.example" both leave the site; anything that could be read as
/// another origin is refused rather than repaired.
/// </summary>
internal static class LocalReturnUrl
{
    public const string Home = "/";
    private const int MaxLength = 2048;
    private static readonly Uri Origin = new("http://console.invalid/");

    public static string Normalize(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > MaxLength
            || !IsPlainLocalPath(returnUrl) || !IsPlainLocalPath(Uri.UnescapeDataString(returnUrl))
            || !Uri.TryCreate(returnUrl, UriKind.Relative, out var relative)
            || !Uri.TryCreate(Origin, relative, out var resolved)
            || Uri.Compare(resolved, Origin, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.Ordinal) != 0)
        {
            return Home;
        }
        // Escaped and with dot segments resolved: the Location header is plain ASCII.
        return resolved.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped);
    }

    /// <summary>One leading slash, then no second one, no backslash, no control character (C0, DEL, C1).</summary>
    private static bool IsPlainLocalPath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.Contains('\\') && !path.Any(char.IsControl);
}
