extern alias FleetBench;

using FleetBench::HaVip.Bench.Fleet;

namespace HaVip.Server.Tests.Bench;

/// <summary>The fleet bench reads the server's GC per phase from its /metrics: the runtime's counters as the server exports them.</summary>
public sealed class GcLoadTests
{
    private const string Scrape = """
        # TYPE dotnet_gc_collections_total counter
        # UNIT dotnet_gc_collections_total collection
        dotnet_gc_collections_total{gc_heap_generation="gen2"} 3 1764677000000
        dotnet_gc_collections_total{gc_heap_generation="gen1"} 20 1764677000000
        dotnet_gc_collections_total{gc_heap_generation="gen0"} 400 1764677000000
        # TYPE dotnet_gc_heap_total_allocated_bytes_total counter
        dotnet_gc_heap_total_allocated_bytes_total{} 1048576000 1764677000000
        # TYPE dotnet_gc_pause_time_seconds_total counter
        dotnet_gc_pause_time_seconds_total{} 12.5 1764677000000
        # TYPE havip_write_wait_seconds histogram
        havip_write_wait_seconds_count{kind="change"} 7 1764677000000
        """;

    [Fact]
    public void Parse_RuntimeCounters_ReadsCollectionsByGenerationPauseAndAllocation() =>
        GcLoad.Parse(Scrape).Should().Be(new GcCounters(400, 20, 3, 12.5, 1048576000));

    [Fact]
    public void Parse_TwoReplicas_AddsTheirCounters() =>
        GcLoad.Parse(Scrape, GcLoad.Parse(Scrape)).Should().Be(new GcCounters(800, 40, 6, 25, 2097152000));

    [Fact]
    public void Parse_ABuildWithoutTheCounters_IsNull() =>
        GcLoad.Parse("havip_write_wait_seconds_count{kind=\"change\"} 7\n").Should().BeNull();

    [Fact]
    public void Line_OverAPhase_SaysTheDifferenceAndItsShareOfTheWallTime()
    {
        var before = new GcCounters(100, 10, 1, 2.0, 0);
        var after = new GcCounters(160, 16, 1, 8.6, 110.0 * (1 << 20) * 60);

        GcLoad.Line(before, after, TimeSpan.FromSeconds(60)).Should().Be(
            "the server's GC: 66 collections (gen0 60, gen1 6, gen2 0), paused 6.60 s (11.0 % of the wall time), 100.0 ms a collection, 110 MiB allocated a second");
    }

    [Fact]
    public void Line_WithoutCounters_SaysSo() =>
        GcLoad.Line(null, new GcCounters(1, 0, 0, 0, 0), TimeSpan.FromSeconds(1)).Should().Contain("no dotnet_gc_* counters");
}
