using System.Text.Json.Serialization;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Control;

/// <summary>The `havipd status` JSON document; the metrics endpoint renders the same snapshot.</summary>
internal sealed record DaemonStatus(int Pid, string ConfigFile, DateTimeOffset StartedAt, DateTimeOffset? LastReload, IReadOnlyList<InstanceStatus> Instances, RuntimeStatus Runtime);

/// <summary>
/// What the process itself costs and how well it keeps time: GC pauses (the longest one the loop
/// saw, see <see cref="Scheduling.LoopClock"/>), how late the loop ran a due timer, resident memory
/// and how much of it the managed heap holds (live objects and garbage as of the last collection)
/// and has committed, and what the process has allocated since start-up finished (the status
/// request's own rows included: a few hundred bytes per instance), which is what makes the running
/// daemon's heap grow.
/// </summary>
internal sealed record RuntimeStatus(double GcPauseTotalSeconds, double GcPauseMaxSeconds, long GcCount, double TimerLatenessMaxSeconds, long ResidentBytes, long GcHeapBytes, long GcCommittedBytes, long GcAllocatedSinceStartBytes = 0);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DaemonStatus))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
