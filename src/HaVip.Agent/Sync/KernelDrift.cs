using System.Text.Json.Nodes;
using HaVip.Agent.Links;
using HaVip.Contracts.Agents;
using HaVip.Linux.Commands;

namespace HaVip.Agent.Sync;

/// <summary>
/// What differs between the kernel and the agent's last apply: its nft table gone, the table's
/// chains or rules not as the kernel listed them right after the apply, or an instance port out
/// of its subnet's bridge. What changes by itself (handles, counter values) is not drift.
/// </summary>
internal static class KernelDrift
{
    public const string Table = "table";
    public const string Rules = "rules";
    public const string Port = "port";

    /// <summary>
    /// <c>nft -j list table</c> output reduced to what the agent wrote: the table, its chains and
    /// rules without their handles, no counter objects (their packet counts move) and no set elements.
    /// </summary>
    public static string Normalize(string nftJson)
    {
        var lines = new List<string>();
        if (JsonNode.Parse(nftJson)?["nftables"] is not JsonArray items)
        {
            return "";
        }
        foreach (var item in items.OfType<JsonObject>())
        {
            var (kind, body) = item.First();
            if (kind is "metainfo" or "counter" || body is not JsonObject fields)
            {
                continue;
            }
            var copy = (JsonObject)fields.DeepClone();
            copy.Remove("handle");
            // The timed sets' elements come and go by design (refreshes, adverts, lapses).
            copy.Remove("elem");
            lines.Add(kind + " " + copy.ToJsonString());
        }
        return string.Join('\n', lines);
    }

    /// <param name="state">The state last applied.</param>
    /// <param name="appliedRules">The table as <see cref="Normalize"/> made it right after the apply; null when no ruleset was written yet.</param>
    /// <param name="listing">The table as the kernel lists it now (<c>nft -j list table bridge havip</c>).</param>
    /// <param name="links">The devices now (<c>ip -j -d link show</c>).</param>
    /// <returns>What drifted: <see cref="Table"/>, <see cref="Rules"/>, <see cref="Port"/>; empty when nothing did.</returns>
    public static IReadOnlyList<string> Find(DesiredStateDto state, string? appliedRules, CommandResult listing, IReadOnlyList<KernelLink> links)
    {
        var drift = new List<string>();
        if (appliedRules is not null && !listing.Succeeded)
        {
            drift.Add(Table);
        }
        else if (appliedRules is not null && Normalize(listing.Output) != appliedRules)
        {
            drift.Add(Rules);
        }
        var masters = links.ToDictionary(l => l.Name, l => l.Master, StringComparer.Ordinal);
        var vnis = state.Subnets.ToDictionary(s => s.Id, s => s.Vni, StringComparer.Ordinal);
        // A port that does not exist is the apply's error to report, not drift to repair.
        if (state.Ports.Any(p => masters.TryGetValue(p.PortName, out var master) && vnis.TryGetValue(p.SubnetId, out var vni) && master != PortNames.Bridge(vni)))
        {
            drift.Add(Port);
        }
        return drift;
    }
}
