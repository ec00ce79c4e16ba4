using System.Text.Json;

namespace HaVip.Lab;

/// <summary>What a running lab is made of, saved so that `havip lab …` and `havip down` find it from another process.</summary>
public sealed record LabState(string Prefix, string StateDir, string Socket, string? ServerUrl, Dictionary<string, int> Pids, Dictionary<string, string> InstanceIds, Dictionary<string, string> Hosts, double? VerifyIntervalSeconds = null,
    string? Database = null, int Replicas = 1)
{
    public const string FileName = "lab.json";

    /// <summary>The Unix socket of replica <paramref name="replica"/> (0: <see cref="Socket"/>, the one the lab's own calls use).</summary>
    public string SocketOf(int replica) => replica == 0 ? Socket : Path.Combine(StateDir, $"server-{replica}.sock");

    /// <summary>The process name of replica <paramref name="replica"/> in <see cref="Pids"/>.</summary>
    public static string ServerName(int replica) => replica == 0 ? "server" : $"server-{replica}";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Save() => File.WriteAllText(Path.Combine(StateDir, FileName), JsonSerializer.Serialize(this, Json));

    public static LabState? Load(string stateDir)
    {
        var path = Path.Combine(stateDir, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<LabState>(File.ReadAllText(path), Json) : null;
    }
}
