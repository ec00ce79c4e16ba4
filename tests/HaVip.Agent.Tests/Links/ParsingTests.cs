using HaVip.Agent.Links;
using HaVip.Agent.Metrics;

namespace HaVip.Agent.Tests.Links;

/// <summary>The JSON that iproute2 6.1 and nftables 1.0.6 print, trimmed.</summary>
public sealed class ParsingTests
{
    [Fact]
    public void KernelLink_ParsesMasterKindAndUp()
    {
        const string json = """
            [{"ifindex":5,"ifname":"hvbr1000","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"linkinfo":{"info_kind":"bridge"}},
             {"ifindex":7,"ifname":"tab12cd34eth0","flags":["BROADCAST"],"master":"hvbr1000","linkinfo":{"info_kind":"veth","info_slave_kind":"bridge"}}]
            """;
        KernelLink.ParseAll(json).Should().Equal(
            new KernelLink("hvbr1000", null, "bridge", true),
            new KernelLink("tab12cd34eth0", "hvbr1000", "veth", false));
    }

    [Fact]
    public void FdbEntries_ReturnsAllZerosTargetsOnly()
    {
        const string json = """
            [{"mac":"00:00:00:00:00:00","dst":"10.255.0.12","flags":["self"],"state":"permanent"},
             {"mac":"02:00:00:00:00:0e","dst":"10.255.0.13","flags":["self"]},
             {"mac":"00:00:00:00:00:00","dst":"10.255.0.13","flags":["self"],"state":"permanent"}]
            """;
        FdbEntries.FloodTargets(json).Should().BeEquivalentTo(["10.255.0.12", "10.255.0.13"]);
    }

    [Fact]
    public void DropCounters_ParsesNftJson()
    {
        const string json = """
            {"nftables": [{"metainfo": {"version": "1.0.6"}}, {"counter": {"family": "bridge", "name": "drop_ip_tx", "table": "havip", "handle": 3, "packets": 7, "bytes": 420}}]}
            """;
        DropCounters.Parse(json).Should().Equal(new Dictionary<string, long> { ["drop_ip_tx"] = 7 });
    }
}
