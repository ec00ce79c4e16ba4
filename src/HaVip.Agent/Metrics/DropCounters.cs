using System.Text.Json;
using HaVip.Agent.Rules;
using HaVip.Linux.Commands;

namespace HaVip.Agent.Metrics;

/// <summary>Reads the per-port drop counters of the agent's nft table into the metrics before a scrape.</summary>
internal sealed class DropCounters(CommandRunner commands, AgentMetrics metrics)
{
    public async Task RefreshAsync(IEnumerable<string> ports, CancellationToken ct)
    {
        var result = await commands.RunAsync("nft", ["-j", "list", "counters", "table", "bridge", NftRenderer.Table], ct: ct);
        if (!result.Succeeded)
        {
            return;
        }
        var packets = Parse(result.Output);
        foreach (var port in ports)
        {
            foreach (var reason in NftRenderer.DropReasons)
            {
                metrics.SetDrops(port, reason, packets.GetValueOrDefault(NftRenderer.CounterName(reason, port)));
            }
        }
    }

    internal static Dictionary<string, long> Parse(string json)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("counter", out var counter))
            {
                counters[counter.GetProperty("name").GetString()!] = counter.GetProperty("packets").GetInt64();
            }
        }
        return counters;
    }
}
