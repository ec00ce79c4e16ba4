using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.HaVips;

/// <summary>
/// What the server takes from a host's report. Hosts' clocks are not trusted: they may run
/// seconds apart, or be forged. A claim is therefore placed on the server's clock, at the moment
/// the server received it less the age the agent measured on its own monotonic clock (so a report
/// delivered late after a retry keeps its place). The agent's wall-clock <c>seenAt</c> orders
/// nothing. Every field that reaches an event is validated here first.
/// </summary>
public static class HostReportRules
{
    /// <summary>Longer than an agent's retries of one report take (five attempts, about 3 s of back-off plus timeouts).</summary>
    public static readonly TimeSpan MaxClaimAge = TimeSpan.FromSeconds(60);

    public const long MaxSpoofCount = 1_000_000_000;

    public const int MaxRepairKinds = 8;

    /// <summary>When the claim happened, on the server's clock; never after <paramref name="receivedAt"/>.</summary>
    public static DateTime ClaimedAt(DateTime receivedAt, long? ageMilliseconds) =>
        receivedAt - TimeSpan.FromMilliseconds(ageMilliseconds ?? 0);

    public static void CheckHolder(string? haVipId, string? instanceId, long? ageMilliseconds)
    {
        var errors = new ErrorCollector();
        CheckIds(haVipId, instanceId, errors);
        if (ageMilliseconds is < 0 || ageMilliseconds > MaxClaimAge.TotalMilliseconds)
        {
            errors.Add(ErrorCode.InvalidParameter, $"ageMilliseconds must be 0 to {MaxClaimAge.TotalMilliseconds:0}.", "ageMilliseconds");
        }
        errors.ThrowIfAny();
    }

    /// <summary>Checks a spoof report and returns its MAC in canonical form.</summary>
    public static string CheckSpoof(string? haVipId, string? instanceId, string? macAddress, long count)
    {
        var errors = new ErrorCollector();
        CheckIds(haVipId, instanceId, errors);
        var mac = MacAddresses.Normalize(macAddress);
        if (mac is null)
        {
            errors.Add(ErrorCode.InvalidParameter, "macAddress must be a unicast MAC such as 02:00:00:00:00:01.", "macAddress");
        }
        if (count is < 1 or > MaxSpoofCount)
        {
            errors.Add(ErrorCode.InvalidParameter, $"count must be 1 to {MaxSpoofCount}.", "count");
        }
        errors.ThrowIfAny();
        return mac!;
    }

    /// <summary>Checks what a repair report says drifted: one to <see cref="MaxRepairKinds"/> distinct lowercase words (the agent's kinds may grow).</summary>
    public static IReadOnlyList<string> CheckRepair(IReadOnlyList<string>? what)
    {
        var errors = new ErrorCollector();
        if (what is null || what.Count is 0 or > MaxRepairKinds || what.Distinct(StringComparer.Ordinal).Count() != what.Count
            || what.Any(w => string.IsNullOrEmpty(w) || w.Length > 32 || !w.All(c => c is (>= 'a' and <= 'z') or '_')))
        {
            errors.Add(ErrorCode.InvalidParameter, $"what must list 1 to {MaxRepairKinds} distinct kinds of drift, each lowercase letters or '_' (such as table, rules, port).", "what");
        }
        errors.ThrowIfAny();
        return what!;
    }

    private static void CheckIds(string? haVipId, string? instanceId, ErrorCollector errors)
    {
        NameRules.CheckId(haVipId, ResourceId.HaVipPrefix, errors, "haVipId");
        NameRules.CheckId(instanceId, ResourceId.InstancePrefix, errors, "instanceId");
    }
}
