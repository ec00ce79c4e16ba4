using HaVip.Net;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Instances;
using HaVip.Vrrpd.Metrics;

namespace HaVip.Vrrpd.Tests.Metrics;

/// <summary>The exposition renders the same snapshot `havipd status` prints, one series per fact.</summary>
public sealed class PrometheusTextTests
{
    private static readonly DateTimeOffset Heard = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_Instance_EverySeriesWithItsLabels()
    {
        var text = PrometheusText.Render(Snapshot(Instance("VI_1", "MASTER")));

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
        text.Should().Contain($"havipd_instance_last_advert_heard_timestamp_seconds{{instance=\"VI_1\"}} {Heard.ToUnixTimeMilliseconds() / 1000.0:0.###}\n");
        text.Should().Contain("havipd_gc_pause_max_seconds 0.0042\n");
        text.Should().Contain("havipd_gc_heap_bytes 3500000\n");
        text.Should().Contain("havipd_gc_committed_bytes 6291456\n");
    }

    [Fact]
    public void Render_EveryMetric_HasHelpAndTypeOnce()
    {
        var text = PrometheusText.Render(Snapshot(Instance("VI_1", "MASTER"), Instance("VI_2", "BACKUP")));
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
        var text = PrometheusText.Render(Snapshot(Instance("a\"b\\c\nd", "BACKUP")));

        text.Should().Contain("instance=\"a\\\"b\\\\c\\nd\"");
    }

    [Fact]
    public void Render_NeverHeard_NoLastAdvertSeries()
    {
        var text = PrometheusText.Render(Snapshot(Instance("VI_1", "MASTER") with { LastAdvertHeard = null }));

        text.Should().NotContain("havipd_instance_last_advert_heard_timestamp_seconds{");
    }

    private static DaemonStatus Snapshot(params InstanceStatus[] instances) =>
        new(1, "keepalived.conf", Heard, null, instances, new RuntimeStatus(0.01, 0.0042, 3, 0.0011, 9 * 1024 * 1024, 3_500_000, 6_291_456));

    private static InstanceStatus Instance(string name, string state) => new(
        name, "eth0", 51, 3, state, "MasterDownTimerExpired", Heard, "10.0.0.1", "10.0.0.1", 100, 90, 90, 0.02, 0.02, 0.07, null,
        7, 40, 5, Heard,
        new SortedDictionary<TransitionReason, long> { [TransitionReason.Startup] = 1, [TransitionReason.MasterDownTimerExpired] = 2 },
        new SortedDictionary<DropReason, long> { [DropReason.BadTtl] = 3 });
}
