using System.Text.Json;
using HaVip.Agent.Rules;
using HaVip.Linux.Commands;

namespace HaVip.Agent.Arp;

/// <summary>
/// Whether the data path drops a claim for arbitration right now: the same predicate as the drop
/// rule (<see cref="ArbitrationRules"/>), read from the kernel's sets. The capture sees a claim
/// before the bridge's nft hook does, microseconds apart, so the sets' state then is the state
/// the rule met. Asked only for claims from a port the desired state decided against.
/// </summary>
internal sealed class ArbitrationProbe(CommandRunner commands)
{
    public async Task<bool> DroppedAsync(string vip, string portName, CancellationToken ct)
    {
        var armed = await ListAsync(ArbitrationRules.ArmedSet, ct);
        var decision = armed is null ? null : await ListAsync(ArbitrationRules.DecisionSet, ct);
        return armed is not null && decision is not null && Dropped(armed, decision, vip, portName);
    }

    /// <summary>Both sets hold the claim: the decision element (VIP . port) and the VIP armed.</summary>
    public static bool Dropped(string armedJson, string decisionJson, string vip, string portName) =>
        Elements(armedJson).Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == vip)
        && Elements(decisionJson).Any(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("concat", out var key)
            && key.GetArrayLength() == 2 && key[0].GetString() == vip && key[1].GetString() == portName);

    private async Task<string?> ListAsync(string set, CancellationToken ct)
    {
        var result = await commands.RunAsync("nft", ["-j", "list", "set", "bridge", NftRenderer.Table, set], ct: ct);
        return result.Succeeded ? result.Output : null;
    }

    /// <summary>The set's element keys: a plain value, or {"elem": {"val": key, "timeout": …}} for an element with a timeout.</summary>
    private static List<JsonElement> Elements(string json)
    {
        using var document = JsonDocument.Parse(json);
        var keys = new List<JsonElement>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("set", out var set) || !set.TryGetProperty("elem", out var elems))
            {
                continue;
            }
            foreach (var elem in elems.EnumerateArray())
            {
                var key = elem.ValueKind == JsonValueKind.Object && elem.TryGetProperty("elem", out var timed) ? timed.GetProperty("val") : elem;
                keys.Add(key.Clone());
            }
        }
        return keys;
    }
}
