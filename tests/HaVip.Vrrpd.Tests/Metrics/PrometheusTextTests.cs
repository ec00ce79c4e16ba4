using System.Buffers;
using System.Text;
using HaVip.Net;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Instances;
using HaVip.Vrrpd.Metrics;

namespace HaVip.Vrrpd.Tests.Metrics;

/// <summary>The exposition renders the same snapshot `havipd status` prints, one series per fact.</summary>
public sealed class PrometheusTextTests
{
    private const int Instances = 1000;

    // Below one small object per instance: rendering must not allocate per instance or per series.
    private const long MaxBytesPerScrape = 16 * 1024;

    private static readonly DateTimeOffset Heard = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_Instance_EverySeriesWithItsLabels()
    {
        var text = Render(Snapshot(Instance("VI_1", "MASTER")));

        text.Should().Contain("havipd_instance_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",state=\"master\"} 1\n");
        text.Should().Contain("havipd_instance_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",state=\"backup\"} 0\n");
        text.Should().Contain("havipd_instance_priority{instance=\"VI_1\"} 90\n");
        text.Should().Contain("havipd_instance_base_priority{instance=\"VI_1\"} 100\n");
        text.Should().Contain("havipd_instance_transitions_total{instance=\"VI_1\",reason=\"Startup\"} 1\n");
        text.Should().Contain("havipd_instance_transitions_total{instance=\"VI_1\",reason=\"MasterDownTimerExpired\"} 2\n");
        text.Should().Contain("havipd_instance_adverts_sent_total{instance=\"VI_1\"} 40\n");
        text.Should().Contain("havipd_instance_adverts_received_total{instance=\"VI_1\"} 7\n");
        text.Should().Contain("havipd_instance_drops_total{instance=\"VI_1\",reason=\"BadTtl\"} 3\n");
        text.Should().Contain("havipd_instance_gratuitous_arps_sent_total{instance=\"VI_1\"} 5\n");
        text.Should().Contain("havipd_instance_neighbor_advertisements_sent_total{instance=\"VI_1\"} 6\n");
        text.Should().Contain($"havipd_instance_last_advert_heard_timestamp_seconds{{instance=\"VI_1\"}} {Heard.ToUnixTimeMilliseconds() / 1000.0:0.###}\n");
        text.Should().Contain("havipd_gc_pause_max_seconds 0.0042\n");
        text.Should().Contain("havipd_gc_heap_bytes 3500000\n");
        text.Should().Contain("havipd_gc_committed_bytes 6291456\n");
        text.Should().Contain("havipd_gc_allocated_bytes_total 123456\n");
    }

    [Fact]
    public void Render_EveryMetric_HasHelpAndTypeOnce()
    {
        var text = Render(Snapshot(Instance("VI_1", "MASTER"), Instance("VI_2", "BACKUP")));
        var names = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l[..l.IndexOfAny(['{', ' '])]).Distinct().ToList();

        names.Should().NotBeEmpty();
        foreach (var name in names)
        {
            text.Split('\n').Count(l => l.StartsWith($"# TYPE {name} ", StringComparison.Ordinal)).Should().Be(1, name);
            text.Split('\n').Count(l => l.StartsWith($"# HELP {name} ", StringComparison.Ordinal)).Should().Be(1, name);
        }
    }

    [Fact]
    public void Render_LabelValue_Escaped()
    {
        var text = Render(Snapshot(Instance("a\"b\\c\nd", "BACKUP")));

        text.Should().Contain("instance=\"a\\\"b\\\\c\\nd\"");
    }

    [Fact]
    public void Render_NeverHeard_NoLastAdvertSeries()
    {
        var row = Instance("VI_1", "MASTER");
        row.LastAdvertHeard = null;
        var text = Render(Snapshot(row));

        text.Should().NotContain("havipd_instance_last_advert_heard_timestamp_seconds{");
    }

    private static string Render(DaemonStatus status)
    {
        var output = new ArrayBufferWriter<byte>();
        PrometheusText.Write(status, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static DaemonStatus Snapshot(params InstanceStatus[] instances) =>
        new(1, "keepalived.conf", Heard, null, instances, new RuntimeStatus(0.01, 0.0042, 3, 0.0011, 9 * 1024 * 1024, 3_500_000, 6_291_456, 123_456));

    private static InstanceStatus Instance(string name, string state)
    {
        var row = Row(
            name, "eth0", 51, 3, state, "MasterDownTimerExpired", Heard, "10.0.0.1", "10.0.0.1", 100, 90, 90, 0.02, 0.02, 0.07, null,
            7, 40, 5, Heard,
            new Dictionary<TransitionReason, long> { [TransitionReason.Startup] = 1, [TransitionReason.MasterDownTimerExpired] = 2 },
            new Dictionary<DropReason, long> { [DropReason.BadTtl] = 3 });
        row.NeighborAdvertsOut = 6;
        return row;
    }

    /// <summary>
    /// A scrape of a large daemon must not set off collections: at advert_int 0.02 a GC pause of a
    /// few tens of ms is a false failover (docs/benchmarks.md). The bound is on bytes, not time.
    /// </summary>
    [Fact]
    public void Write_1000Instances_AllocatesLessThanBound()
    {
        var status = Snapshot1000();
        var output = new ArrayBufferWriter<byte>();
        PrometheusText.Write(status, output); // the server's buffer grows once, then is reused
        output.ResetWrittenCount();

        var before = GC.GetAllocatedBytesForCurrentThread();
        PrometheusText.Write(status, output);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WrittenCount.Should().BeGreaterThan(Instances * 100);
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Contain("havipd_instance_drops_total{instance=\"VI_999\",reason=\"BadTtl\"} 3\n");
        allocated.Should().BeLessThan(MaxBytesPerScrape);
    }

    private static DaemonStatus Snapshot1000()
    {
        var heard = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var transitions = new Dictionary<TransitionReason, long> { [TransitionReason.Startup] = 1, [TransitionReason.MasterDownTimerExpired] = 2 };
        var drops = new Dictionary<DropReason, long> { [DropReason.BadTtl] = 3 };
        var instances = Enumerable.Range(0, Instances).Select(n => Row(
            $"VI_{n}", "eth0", (n % 255) + 1, 3, n % 2 == 0 ? "MASTER" : "BACKUP", "MasterDownTimerExpired", heard, "10.0.0.1", "10.0.0.2",
            100, 100, 100, 0.02, 0.02, 0.07, null, 7, 40, 5, heard, transitions, drops)).ToList();
        return new DaemonStatus(1, "keepalived.conf", heard, null, instances, new RuntimeStatus(0.01, 0.0042, 3, 0.0011, 9 << 20, 3_500_000, 6_291_456));
    }

    /// <summary>A row as the loop fills it, every column given.</summary>
    private static InstanceStatus Row(
        string name, string @interface, int vrid, int version, string state, string? reason, DateTimeOffset since, string primary, string? master,
        int basePriority, int effective, int? masterPriority, double advertInt, double masterAdverInt, double masterDown, DateTimeOffset? next,
        long advertsIn, long advertsOut, long garps, DateTimeOffset? heard, Dictionary<TransitionReason, long> transitions, Dictionary<DropReason, long> drops) => new()
        {
            Name = name,
            Interface = @interface,
            VirtualRouterId = vrid,
            Version = version,
            State = state,
            StateReason = reason,
            StateSince = since,
            PrimaryAddress = primary,
            MasterAddress = master,
            BasePriority = basePriority,
            EffectivePriority = effective,
            MasterPriority = masterPriority,
            AdvertIntervalSeconds = advertInt,
            MasterAdverIntervalSeconds = masterAdverInt,
            MasterDownIntervalSeconds = masterDown,
            NextTimer = next,
            AdvertsIn = advertsIn,
            AdvertsOut = advertsOut,
            GratuitousArpsOut = garps,
            LastAdvertHeard = heard,
            Transitions = transitions,
            Drops = drops,
        };
}
