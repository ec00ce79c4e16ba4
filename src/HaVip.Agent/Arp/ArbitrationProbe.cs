using System.Text.Json;
using HaVip.Agent.Rules;
using HaVip.Linux.Commands;

namespace HaVip.Agent.Arp;

/// <summary>
/// Whether the data path drops a claim for arbitration right now: the same predicate as the drop
/// rule (<see cref="ArbitrationRules"/>), read from the kernel's sets. The capture sees a claim
/// before the bridge's nft hook does, microseconds apart, so the sets' state then is the state
/// the rule met. Asked only for claims from a port the desired state decided against.
/// Claims share a listing started within <see cref="Shared"/>: a loser answering a client that
/// resolves every 20 ms claims every 20 ms, and two `nft` runs per claim stalled a lab agent's
/// thread pool in process starts (its sync loop and decision refresh with it).
/// </summary>
internal sealed class ArbitrationProbe(CommandRunner commands, TimeProvider? time = null)
{
    /// <summary>
    /// Far below the seconds in which the sets change on their own (armed lapses after 2.5 advert
    /// intervals, a decision 3 s after its last refresh), so a shared listing misjudges at most the
    /// claims of one such edge; at most 4 `nft` runs a second whatever the claim rate.
    /// </summary>
    public static readonly TimeSpan Shared = TimeSpan.FromMilliseconds(500);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private Task<(string? Armed, string? Decision)>? _listing;
    private long _listedAt;

    public async Task<bool> DroppedAsync(string vip, string portName, CancellationToken ct)
    {
        var (armed, decision) = await ListingAsync(ct);
        return armed is not null && decision is not null && Dropped(armed, decision, vip, portName);
    }

    private Task<(string? Armed, string? Decision)> ListingAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            if (_listing is null || _listing.IsFaulted || _listing.IsCanceled || _time.GetElapsedTime(_listedAt) > Shared)
            {
                _listedAt = _time.GetTimestamp();
                _listing = ListBothAsync(ct);
            }
            return _listing;
        }
    }

    private async Task<(string? Armed, string? Decision)> ListBothAsync(CancellationToken ct)
    {
        var armed = await ListAsync(ArbitrationRules.ArmedSet, ct);
        return (armed, armed is null ? null : await ListAsync(ArbitrationRules.DecisionSet, ct));
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
