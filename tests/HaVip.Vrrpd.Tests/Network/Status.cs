using System.Text.Json;
using HaVip.Vrrpd.Control;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>Reads `havipd status` of a node through the control socket, as the CLI does.</summary>
internal static class Status
{
    public static JsonElement Instance(NetLab lab, int node, string name = "VI_1")
    {
        var json = StatusClient.QueryAsync(lab.ControlPath(node), CancellationToken.None).GetAwaiter().GetResult();
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("instances").EnumerateArray().First(i => i.GetProperty("name").GetString() == name).Clone();
    }

    public static string State(NetLab lab, int node, string name = "VI_1")
    {
        try
        {
            return Instance(lab, node, name).GetProperty("state").GetString()!;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return "UNREACHABLE";
        }
    }

    public static long Drops(JsonElement instance, string reason) =>
        instance.GetProperty("drops").TryGetProperty(reason, out var v) ? v.GetInt64() : 0;
}
