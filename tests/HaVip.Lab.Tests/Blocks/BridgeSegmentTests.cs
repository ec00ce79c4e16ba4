using System.Net;
using HaVip.Lab.Probes;
using HaVip.Lab.Topology;
using HaVip.Linux.Commands;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab.Tests.Blocks;

/// <summary>
/// The lab's building blocks on their own (root): a plain bridge segment with two members, the
/// ICMP probe between them, and a teardown that leaves nothing behind.
/// </summary>
public sealed class BridgeSegmentTests
{
    private const string Mac = "02:00:5e:10:00:02";
    private readonly CommandRunner _commands = new();
    private readonly NetnsCommands _netns;
    private readonly string _prefix = LabNames.RandomPrefix("hvt") + "-";

    public BridgeSegmentTests() => _netns = new NetnsCommands(_commands);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plug_TwoMembers_ReachEachOtherWithTheGivenMacAndMtu_AndDeleteLeavesNothing()
    {
        Privileges.WhyNoLab().Should().BeNull("the building blocks make network namespaces");
        var segment = new BridgeSegment(_netns, _prefix + "sw");
        string[] all = [segment.Netns, _prefix + "a", _prefix + "b"];
        try
        {
            await segment.CreateAsync(Ct);
            await _netns.CreateAsync(all[1], Ct);
            await _netns.CreateAsync(all[2], Ct);
            await segment.PlugAsync(all[1], new SegmentPort("eth0", "10.78.0.1/24"), Ct);
            await segment.PlugAsync(all[2], new SegmentPort("eth0", "10.78.0.2/24", Mac, "1450"), Ct);

            (await _netns.HoldsAsync(all[2], "eth0", "10.78.0.2", Ct)).Should().BeTrue();
            (await _netns.HoldsAsync(all[2], "eth0", "10.78.0.1", Ct)).Should().BeFalse();
            var link = (await _commands.RunCheckedAsync("ip", ["-n", all[2], "link", "show", "dev", "eth0"], ct: Ct)).Output;
            link.Should().Contain(Mac).And.Contain("mtu 1450");
            using var probe = new IcmpProbe(all[1]);
            // Readiness, not a bound: the first echo waits for ARP on a fresh bridge port.
            Eventually.Until(() => probe.Ping(IPAddress.Parse("10.78.0.2"), TimeSpan.FromMilliseconds(200)), TimeSpan.FromSeconds(5))
                .Should().BeTrue("b answers a on the segment");
            probe.Ping(IPAddress.Parse("10.78.0.9"), TimeSpan.FromMilliseconds(200)).Should().BeFalse("nobody holds .9");
        }
        finally
        {
            foreach (var ns in all)
            {
                await _netns.DeleteAsync(ns, CancellationToken.None);
            }
        }

        (await _netns.ListAsync(Ct)).Should().NotContain(n => n.StartsWith(_prefix, StringComparison.Ordinal));
    }
}
