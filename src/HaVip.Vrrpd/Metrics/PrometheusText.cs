using System.Buffers;
using System.Globalization;
using System.Text;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Metrics;

/// <summary>
/// The Prometheus text exposition (format 0.0.4) of a status snapshot: the same facts `havipd
/// status` prints, so the two never disagree. Every metric is documented in docs/operations.md.
/// Written as UTF-8 straight into the caller's (reused) buffer, without a string per instance or
/// per series: a scrape of 1,000 instances that allocated megabytes set off collections that
/// paused the daemon for tens of ms (docs/benchmarks.md), a false failover at advert_int 0.02.
/// </summary>
internal static class PrometheusText
{
    public static void Write(DaemonStatus status, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(status);
        var w = new Utf8Out(output);
        var all = status.Instances;
        w.Header("havipd_instance_state"u8, "gauge"u8, "1 for the instance's current VRRP state, 0 for the others"u8);
        foreach (var i in all)
        {
            State(w, i, "initialize"u8, "INITIALIZE");
            State(w, i, "backup"u8, "BACKUP");
            State(w, i, "master"u8, "MASTER");
            State(w, i, "fault"u8, "FAULT");
        }

        PerInstance(w, all, "havipd_instance_priority"u8, "gauge"u8, "effective priority (base plus tracking weights)"u8, static i => i.EffectivePriority);
        PerInstance(w, all, "havipd_instance_base_priority"u8, "gauge"u8, "configured priority"u8, static i => i.BasePriority);
        w.Header("havipd_instance_transitions_total"u8, "counter"u8, "state changes by reason"u8);
        foreach (var i in all)
            ByReason(w, "havipd_instance_transitions_total"u8, i.Name, i.Transitions);
        PerInstance(w, all, "havipd_instance_adverts_sent_total"u8, "counter"u8, "VRRP adverts sent (one per destination)"u8, static i => i.AdvertsOut);
        PerInstance(w, all, "havipd_instance_adverts_received_total"u8, "counter"u8, "VRRP adverts received that passed the receive checks"u8, static i => i.AdvertsIn);
        w.Header("havipd_instance_drops_total"u8, "counter"u8, "adverts dropped or discarded, by typed reason (HaVip.Net DropReason)"u8);
        foreach (var i in all)
            ByReason(w, "havipd_instance_drops_total"u8, i.Name, i.Drops);
        w.Header("havipd_instance_last_advert_heard_timestamp_seconds"u8, "gauge"u8, "Unix time of the last advert that passed the receive checks"u8);
        foreach (var i in all)
        {
            if (i.LastAdvertHeard is { } heard)
                InstanceSample(w, "havipd_instance_last_advert_heard_timestamp_seconds"u8, i.Name, heard.ToUnixTimeMilliseconds() / 1000.0);
        }

        PerInstance(w, all, "havipd_instance_gratuitous_arps_sent_total"u8, "counter"u8, "gratuitous ARPs sent"u8, static i => i.GratuitousArpsOut);
        PerInstance(w, all, "havipd_instance_neighbor_advertisements_sent_total"u8, "counter"u8, "unsolicited Neighbor Advertisements sent for IPv6 VIPs"u8, static i => i.NeighborAdvertsOut);
        Runtime(w, status.Runtime);
    }

    private static void Runtime(Utf8Out w, RuntimeStatus r)
    {
        Single(w, "havipd_gc_pause_max_seconds"u8, "gauge"u8, "longest GC pause seen since start"u8, r.GcPauseMaxSeconds);
        Single(w, "havipd_gc_pause_seconds_total"u8, "counter"u8, "time the runtime was paused for GC"u8, r.GcPauseTotalSeconds);
        Single(w, "havipd_gc_collections_total"u8, "counter"u8, "garbage collections"u8, r.GcCount);
        Single(w, "havipd_timer_lateness_max_seconds"u8, "gauge"u8, "longest delay between a timer's deadline and the loop running it"u8, r.TimerLatenessMaxSeconds);
        Single(w, "havipd_resident_memory_bytes"u8, "gauge"u8, "resident set size of the process"u8, r.ResidentBytes);
        Single(w, "havipd_gc_heap_bytes"u8, "gauge"u8, "managed heap size at the last garbage collection"u8, r.GcHeapBytes);
        Single(w, "havipd_gc_committed_bytes"u8, "gauge"u8, "memory the garbage collector has committed"u8, r.GcCommittedBytes);
        Single(w, "havipd_gc_allocated_bytes_total"u8, "counter"u8, "bytes allocated since start-up finished"u8, r.GcAllocatedSinceStartBytes);
    }

    private static void State(Utf8Out w, InstanceStatus i, ReadOnlySpan<byte> label, string state)
    {
        w.Raw("havipd_instance_state{instance=\""u8);
        w.Escaped(i.Name);
        w.Raw("\",interface=\""u8);
        w.Escaped(i.Interface);
        w.Raw("\",vrid=\""u8);
        w.Number(i.VirtualRouterId);
        w.Raw("\",state=\""u8);
        w.Raw(label);
        w.Raw("\"} "u8);
        w.Raw(string.Equals(i.State, state, StringComparison.OrdinalIgnoreCase) ? "1\n"u8 : "0\n"u8);
    }

    private static void PerInstance(Utf8Out w, IReadOnlyList<InstanceStatus> all, ReadOnlySpan<byte> name, ReadOnlySpan<byte> type, ReadOnlySpan<byte> help, Func<InstanceStatus, double> value)
    {
        w.Header(name, type, help);
        foreach (var i in all)
            InstanceSample(w, name, i.Name, value(i));
    }

    /// <summary>Takes the concrete dictionary: its enumerator is a struct, an interface's would be an allocation per instance.</summary>
    private static void ByReason<T>(Utf8Out w, ReadOnlySpan<byte> name, string instance, Dictionary<T, long> counts)
        where T : struct, Enum
    {
        Span<char> reason = stackalloc char[64];
        foreach (var (key, n) in counts)
        {
            if (!Enum.TryFormat(key, reason, out var length))
                throw new InvalidOperationException($"{typeof(T).Name} name longer than 64 characters");
            w.Raw(name);
            w.Raw("{instance=\""u8);
            w.Escaped(instance);
            w.Raw("\",reason=\""u8);
            w.Escaped(reason[..length]);
            w.Raw("\"} "u8);
            w.Number(n);
            w.Raw("\n"u8);
        }
    }

    private static void InstanceSample(Utf8Out w, ReadOnlySpan<byte> name, string instance, double value)
    {
        w.Raw(name);
        w.Raw("{instance=\""u8);
        w.Escaped(instance);
        w.Raw("\"} "u8);
        w.Number(value);
        w.Raw("\n"u8);
    }

    private static void Single(Utf8Out w, ReadOnlySpan<byte> name, ReadOnlySpan<byte> type, ReadOnlySpan<byte> help, double value)
    {
        w.Header(name, type, help);
        w.Raw(name);
        w.Raw(" "u8);
        w.Number(value);
        w.Raw("\n"u8);
    }

    /// <summary>UTF-8 text into a buffer writer; formats numbers in place.</summary>
    private readonly struct Utf8Out(IBufferWriter<byte> output)
    {
        public void Header(ReadOnlySpan<byte> name, ReadOnlySpan<byte> type, ReadOnlySpan<byte> help)
        {
            Raw("# HELP "u8);
            Raw(name);
            Raw(" "u8);
            Raw(help);
            Raw("\n# TYPE "u8);
            Raw(name);
            Raw(" "u8);
            Raw(type);
            Raw("\n"u8);
        }

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(output.GetSpan(bytes.Length));
            output.Advance(bytes.Length);
        }

        public void Number(double value)
        {
            var span = output.GetSpan(64);
            if (!value.TryFormat(span, out var written, "0.#########", CultureInfo.InvariantCulture))
                throw new InvalidOperationException("a sample value does not fit 64 bytes");
            output.Advance(written);
        }

        /// <summary>Backslash, double quote and line feed are the three characters a label value escapes.</summary>
        public void Escaped(ReadOnlySpan<char> value)
        {
            while (true)
            {
                var special = value.IndexOfAny('\\', '"', '\n');
                Text(special < 0 ? value : value[..special]);
                if (special < 0)
                    return;
                Raw(value[special] switch { '\\' => "\\\\"u8, '"' => "\\\""u8, _ => "\\n"u8 });
                value = value[(special + 1)..];
            }
        }

        private void Text(ReadOnlySpan<char> text)
        {
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            output.Advance(Encoding.UTF8.GetBytes(text, span));
        }
    }
}
