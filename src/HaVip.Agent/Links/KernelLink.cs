using System.Text.Json;

namespace HaVip.Agent.Links;

/// <summary>One device as <c>ip -j -d link show</c> reports it: only what reconciling needs.</summary>
internal sealed record KernelLink(string Name, string? Master, string? Kind, bool Up)
{
    public static IReadOnlyList<KernelLink> ParseAll(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        var links = new List<KernelLink>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var name = element.GetProperty("ifname").GetString() ?? "";
            var master = element.TryGetProperty("master", out var m) ? m.GetString() : null;
            var kind = element.TryGetProperty("linkinfo", out var info) && info.TryGetProperty("info_kind", out var k) ? k.GetString() : null;
            var up = element.TryGetProperty("flags", out var flags) && flags.EnumerateArray().Any(f => f.GetString() == "UP");
            links.Add(new KernelLink(name, master, kind, up));
        }
        return links;
    }
}
