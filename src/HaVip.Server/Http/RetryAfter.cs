using System.Globalization;

namespace HaVip.Server.Http;

/// <summary>The Retry-After header of a 429 or a 503: whole seconds, at least one. Shared plumbing: the rate limits (Access) and the bound on complete syncs (Agents) both answer with it.</summary>
internal static class RetryAfter
{
    public static void Set(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
