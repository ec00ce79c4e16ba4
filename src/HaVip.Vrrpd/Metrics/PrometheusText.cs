using System.Globalization;
using System.Text;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Metrics;

/// <summary>
/// The Prometheus text exposition (format 0.0.4) of a status snapshot: the same facts `havipd
/// status` prints, so the two never disagree. Pure. Every metric is documented in docs/operations.md.
/// </summary>
internal static class PrometheusText
{
    private static readonly string[] States = ["initialize", "backup", "master", "fault"];

    public static string Render(DaemonStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var b = new StringBuilder(256 + (status.Instances.Count * 1024));
        var all = status.Instances;
        Family(b, "havipd_instance_state", "gauge", "1 for the instance's current VRRP state, 0 for the others", all, (b, i) =>
        {
            foreach (var state in States)
                Sample(b, "havipd_instance_state", $"instance=\"{Escape(i.Name)}\",interface=\"{Escape(i.Interface)}\",vrid=\"{i.VirtualRouterId}\",state=\"{state}\"", string.Equals(i.State, state, StringComparison.OrdinalIgnoreCase) ? 1 : 0);
        });
        Family(b, "havipd_instance_priority", "gauge", "effective priority (base plus tracking weights)", all, (b, i) => Sample(b, "havipd_instance_priority", Name(i), i.EffectivePriority));
        Family(b, "havipd_instance_base_priority", "gauge", "configured priority", all, (b, i) => Sample(b, "havipd_instance_base_priority", Name(i), i.BasePriority));
        Family(b, "havipd_instance_transitions_total", "counter", "state changes by reason", all, (b, i) =>
        {
            foreach (var (reason, n) in i.Transitions)
                Sample(b, "havipd_instance_transitions_total", $"{Name(i)},reason=\"{reason}\"", n);
        });
        Family(b, "havipd_instance_adverts_sent_total", "counter", "VRRP adverts sent (one per destination)", all, (b, i) => Sample(b, "havipd_instance_adverts_sent_total", Name(i), i.AdvertsOut));
        Family(b, "havipd_instance_adverts_received_total", "counter", "VRRP adverts received that passed the receive checks", all, (b, i) => Sample(b, "havipd_instance_adverts_received_total", Name(i), i.AdvertsIn));
        Family(b, "havipd_instance_drops_total", "counter", "adverts dropped or discarded, by typed reason (HaVip.Net DropReason)", all, (b, i) =>
        {
            foreach (var (reason, n) in i.Drops)
                Sample(b, "havipd_instance_drops_total", $"{Name(i)},reason=\"{reason}\"", n);
        });
        Family(b, "havipd_instance_last_advert_heard_timestamp_seconds", "gauge", "Unix time of the last advert that passed the receive checks", all, (b, i) =>
        {
            if (i.LastAdvertHeard is { } heard)
                Sample(b, "havipd_instance_last_advert_heard_timestamp_seconds", Name(i), heard.ToUnixTimeMilliseconds() / 1000.0);
        });
        Family(b, "havipd_instance_gratuitous_arps_sent_total", "counter", "gratuitous ARPs sent", all, (b, i) => Sample(b, "havipd_instance_gratuitous_arps_sent_total", Name(i), i.GratuitousArpsOut));
        Runtime(b, status.Runtime);
        return b.ToString();
    }

    private static void Runtime(StringBuilder b, RuntimeStatus r)
    {
        Single(b, "havipd_gc_pause_max_seconds", "gauge", "longest GC pause seen since start", r.GcPauseMaxSeconds);
        Single(b, "havipd_gc_pause_seconds_total", "counter", "time the runtime was paused for GC", r.GcPauseTotalSeconds);
        Single(b, "havipd_gc_collections_total", "counter", "garbage collections", r.GcCount);
        Single(b, "havipd_timer_lateness_max_seconds", "gauge", "longest delay between a timer's deadline and the loop running it", r.TimerLatenessMaxSeconds);
        Single(b, "havipd_resident_memory_bytes", "gauge", "resident set size of the process", r.ResidentBytes);
        Single(b, "havipd_gc_heap_bytes", "gauge", "managed heap size at the last garbage collection", r.GcHeapBytes);
        Single(b, "havipd_gc_committed_bytes", "gauge", "memory the garbage collector has committed", r.GcCommittedBytes);
    }

    private static void Family(StringBuilder b, string name, string type, string help, IReadOnlyList<InstanceStatus> instances, Action<StringBuilder, InstanceStatus> each)
    {
        Header(b, name, type, help);
        foreach (var i in instances)
            each(b, i);
    }

    private static void Single(StringBuilder b, string name, string type, string help, double value)
    {
        Header(b, name, type, help);
        Sample(b, name, null, value);
    }

    private static void Header(StringBuilder b, string name, string type, string help) =>
        b.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder b, string name, string? labels, double value)
    {
        b.Append(name);
        if (labels is not null)
            b.Append('{').Append(labels).Append('}');
        b.Append(' ').Append(value.ToString("0.#########", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Name(InstanceStatus i) => $"instance=\"{Escape(i.Name)}\"";

    /// <summary>Backslash, double quote and line feed are the three characters a label value escapes.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
