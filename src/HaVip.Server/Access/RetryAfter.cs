using System.Globalization;

namespace HaVip.Server.Access;

/// <summary>The Retry-After header of a 429: whole seconds, at least one.</summary>
internal static class RetryAfter
{
    public static void Set(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
