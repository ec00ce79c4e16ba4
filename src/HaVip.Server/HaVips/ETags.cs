using System.Globalization;
using HaVip.Contracts.Api;
using HaVip.Domain.HaVips;

namespace HaVip.Server.HaVips;

/// <summary>
/// Optimistic concurrency over HTTP: a HAVIP's ETag is its version; If-Match on PATCH, PUT and
/// DELETE makes the change conditional on that version (412 when it moved on).
/// </summary>
public static class ETags
{
    public static string Of(HighAvailabilityVip vip) => Of(vip.Version);

    public static string Of(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>The HAVIP as the response body, with its ETag header.</summary>
    public static HaVipDto Tagged(this HttpContext context, HighAvailabilityVip vip)
    {
        context.Response.Headers.ETag = Of(vip);
        return vip.ToDto();
    }

    /// <summary>The change's target: the id, and the version from If-Match when present ("*" means any).</summary>
    public static HaVipTarget Target(this HttpContext context, string id)
    {
        var header = context.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return new HaVipTarget(id);
        }
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        // An If-Match this API never issued can never match: the change is refused, not applied unconditionally.
        return long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? new HaVipTarget(id, version)
            : new HaVipTarget(id, -1);
    }
}
