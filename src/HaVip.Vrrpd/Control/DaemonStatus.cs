using System.Text.Json.Serialization;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Control;

/// <summary>The `havipd status` JSON document.</summary>
internal sealed record DaemonStatus(int Pid, string ConfigFile, DateTimeOffset StartedAt, DateTimeOffset? LastReload, IReadOnlyList<InstanceStatus> Instances);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DaemonStatus))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
