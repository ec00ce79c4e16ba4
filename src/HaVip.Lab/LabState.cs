using System.Text.Json;

namespace HaVip.Lab;

/// <summary>What a running lab is made of, saved so that `havip lab …` and `havip down` find it from another process.</summary>
public sealed record LabState(string Prefix, string StateDir, string Socket, string? ServerUrl, Dictionary<string, int> Pids, Dictionary<string, string> InstanceIds, Dictionary<string, string> Hosts, double? VerifyIntervalSeconds = null)
{
    public const string FileName = "lab.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Save() => File.WriteAllText(Path.Combine(StateDir, FileName), JsonSerializer.Serialize(this, Json));

    public static LabState? Load(string stateDir)
    {
        var path = Path.Combine(stateDir, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<LabState>(File.ReadAllText(path), Json) : null;
    }
}
