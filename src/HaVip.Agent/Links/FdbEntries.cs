using System.Text.Json;

namespace HaVip.Agent.Links;

/// <summary>The head-end replication targets (all-zeros MAC entries) of a VXLAN device, from <c>bridge -j fdb show</c>.</summary>
internal static class FdbEntries
{
    public const string AllZeros = "00:00:00:00:00:00";

    public static IReadOnlySet<string> FloodTargets(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (entry.TryGetProperty("mac", out var mac) && mac.GetString() == AllZeros
                && entry.TryGetProperty("dst", out var dst) && dst.GetString() is { } target)
            {
                targets.Add(target);
            }
        }
        return targets;
    }
}
