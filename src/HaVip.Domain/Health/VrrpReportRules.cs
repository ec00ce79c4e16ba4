using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;

namespace HaVip.Domain.Health;

/// <summary>
/// An agent's VRRP report, checked and placed on the server's clock as holder claims are
/// (<see cref="HostReportRules.ClaimedAt"/>). A stop report's last advert is a Master_Down_Interval
/// old by construction, so its age may exceed the claim limit by that much.
/// </summary>
public static class VrrpReportRules
{
    /// <summary>The report's fields as the wire carries them.</summary>
    public sealed record Report(
        string? InstanceId, int VirtualRouterId, bool Advertising, int Version, int Priority, long AdvertIntervalMilliseconds,
        string? AuthType, IReadOnlyList<string>? Addresses, long MasterDownIntervalMicroseconds, long? AgeMilliseconds);

    private static readonly string[] AuthTypes = ["None", "SimplePassword", "IPAuthenticationHeader"];

    public static AdvertSeen Check(Report r, DateTime receivedAt)
    {
        var errors = new ErrorCollector();
        NameRules.CheckId(r.InstanceId, ResourceId.InstancePrefix, errors, "instanceId");
        Range(errors, r.VirtualRouterId, 1, 255, "virtualRouterId");
        Range(errors, r.Version, 2, 3, "version");
        Range(errors, r.Priority, 0, 255, "priority");
        Range(errors, r.AdvertIntervalMilliseconds, 10, 255_000, "advertIntervalMilliseconds");
        Range(errors, r.MasterDownIntervalMicroseconds, 0, 1_020_000_000, "masterDownIntervalMicroseconds");
        var maxAge = (long)HostReportRules.MaxClaimAge.TotalMilliseconds + (r.MasterDownIntervalMicroseconds / 1000);
        Range(errors, r.AgeMilliseconds ?? 0, 0, maxAge, "ageMilliseconds");
        if (r.AuthType is null || !AuthTypes.Contains(r.AuthType))
        {
            errors.Add(ErrorCode.InvalidParameter, $"authType must be one of {string.Join(", ", AuthTypes)}.", "authType");
        }
        if (r.Addresses is null || r.Addresses.Count > 255 || r.Addresses.Any(a => !Ipv4.TryParse(a, out _)))
        {
            errors.Add(ErrorCode.InvalidParameter, "addresses must be at most 255 IPv4 addresses.", "addresses");
        }
        errors.ThrowIfAny();
        return new AdvertSeen(r.Advertising, r.Version, r.Priority, TimeSpan.FromMilliseconds(r.AdvertIntervalMilliseconds), r.AuthType!,
            r.Addresses!.Select(a => Ipv4.TryParse(a, out var ip) ? ip.ToString() : a).ToArray(),
            TimeSpan.FromMicroseconds(r.MasterDownIntervalMicroseconds), HostReportRules.ClaimedAt(receivedAt, r.AgeMilliseconds));
    }

    private static void Range(ErrorCollector errors, long value, long min, long max, string field)
    {
        if (value < min || value > max)
        {
            errors.Add(ErrorCode.InvalidParameter, $"{field} must be {min} to {max}.", field);
        }
    }
}
