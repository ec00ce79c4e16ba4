using System.Diagnostics;
using System.Net;
using HaVip.Agent.Rules;
using HaVip.Contracts.Agents;
using HaVip.Linux.Namespaces;
using HaVip.Net.Ethernet;

namespace HaVip.Agent.Tests.Rules;

/// <summary>
/// The rendered IPv6 port rules in a real kernel (root): a bridge with port pA (instance a, bound
/// to the IPv6 VIP), pB (instance b, unbound) and pC (a client) in a namespace of the test's own,
/// IPv6 off on its interfaces so that only the test's frames are IPv6. A frame is sent into the
/// bridge from an instance's veth end; a probe counter on the bridge's way out to pC sees what
/// passed. Each case runs twice: with the rendered rules, and with its reason's rules left out, so
/// that a case whose frame would pass anyway cannot pass as a drop.
/// </summary>
public sealed class Ipv6KernelTests : IAsyncLifetime
{
    private static readonly IPAddress Vip = IPAddress.Parse("fd00:9::100");
    private static readonly IPAddress AddressA = IPAddress.Parse("fd00:9::10");
    private static readonly IPAddress AddressB = IPAddress.Parse("fd00:9::11");
    private static readonly MacAddress MacA = MacAddress.Parse("02:00:00:09:00:0a");
    private static readonly MacAddress MacB = MacAddress.Parse("02:00:00:09:00:0b");
    private static readonly IPAddress LinkLocalA = Ipv6Rules.LinkLocal(MacA.ToString());
    private KernelBridge? _bridge;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DesiredStateDto State => new("hv1", 1,
        [new SubnetStateDto("subnet-k", "10.9.0.0/24", "10.9.0.1", 9, [])],
        [
            new PortStateDto("i-a", "subnet-k", "eth0", "pA", MacA.ToString(), ["10.9.0.10"], ["10.9.0.10"], AddressA.ToString(), [AddressA.ToString(), Vip.ToString()]),
            new PortStateDto("i-b", "subnet-k", "eth0", "pB", MacB.ToString(), ["10.9.0.11"], ["10.9.0.11"], AddressB.ToString(), [AddressB.ToString()]),
            new PortStateDto("i-c", "subnet-k", "eth0", "pC", "02:00:00:09:00:0c", ["10.9.0.12"], ["10.9.0.12"]),
        ],
        [new HaVipStateDto("havip-k6", "subnet-k", Vip.ToString(), ["i-a"])]);

    /// <summary>A frame sent from an instance's port, and the drop reason expected (none: it passes).</summary>
    public static TheoryData<string, string, string?> Cases => new()
    {
        { "own global address", "A", null },
        { "own link-local address", "A", null },
        { "bound VIP as source", "A", null },
        { "bound VIP's unsolicited NA", "A", null },
        { "NS with own MAC", "A", null },
        { "DAD NS for own address", "A", null },
        { "spoofed source", "B", Ipv6Rules.SourceReason },
        { "unbound port's NA for the VIP", "B", Ipv6Rules.NeighborReason },
        { "NA for a foreign target", "A", Ipv6Rules.NeighborReason },
        { "NA with a foreign target MAC", "A", Ipv6Rules.NeighborReason },
        { "NS with a foreign source MAC", "A", Ipv6Rules.NeighborReason },
        { "DAD NS for a foreign address", "B", Ipv6Rules.NeighborReason },
        { "router advertisement", "A", Ipv6Rules.RouterReason },
        { "DHCPv6 server reply", "A", Ipv6Rules.RouterReason },
    };

    private static byte[] Frame(string name) => name switch
    {
        "own global address" => Ipv6Frames.UdpFrom(MacA, AddressA),
        "own link-local address" => Ipv6Frames.UdpFrom(MacA, LinkLocalA),
        "bound VIP as source" => Ipv6Frames.UdpFrom(MacA, Vip),
        "bound VIP's unsolicited NA" => Ipv6Frames.Advertisement(MacA, LinkLocalA, Vip),
        "NS with own MAC" => Ipv6Frames.Solicitation(MacA, AddressA, AddressB),
        "DAD NS for own address" => Ipv6Frames.Solicitation(MacA, IPAddress.IPv6Any, AddressA),
        "spoofed source" => Ipv6Frames.UdpFrom(MacB, AddressA),
        "unbound port's NA for the VIP" => Ipv6Frames.Advertisement(MacB, AddressB, Vip),
        "NA for a foreign target" => Ipv6Frames.Advertisement(MacA, AddressA, AddressB),
        "NA with a foreign target MAC" => Ipv6Frames.Advertisement(MacA, AddressA, Vip, MacB),
        "NS with a foreign source MAC" => Ipv6Frames.Solicitation(MacA, AddressA, AddressB, MacB),
        "DAD NS for a foreign address" => Ipv6Frames.Solicitation(MacB, IPAddress.IPv6Any, AddressA),
        "router advertisement" => Ipv6Frames.RouterAdvertisement(MacA, LinkLocalA),
        "DHCPv6 server reply" => Ipv6Frames.UdpFrom(MacA, LinkLocalA, 547, 546),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
    };

    public async ValueTask InitializeAsync()
    {
        Privileges.WhyNoLab().Should().BeNull("the kernel tests make a network namespace");
        _bridge = await KernelBridge.CreateAsync("hvip6k", ["A", "B", "C"], Ct);
        await _bridge.NftAsync("table bridge probe {\n\tcounter passed {\n\t}\n\tchain out {\n\t\ttype filter hook postrouting priority 0; policy accept;\n"
            + "\t\toifname \"pC\" meta protocol ip6 counter name \"passed\"\n\t}\n}\n", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Frame_FromInstancePort_PassesOrDropsByReason(string name, string port, string? reason)
    {
        var rules = NftRenderer.Render(State);
        await _bridge!.NftAsync(rules, Ct);
        _bridge.Send("v" + port, Frame(name));
        var (passed, dropped) = await OutcomeAsync("p" + port, reason);
        if (reason is null)
        {
            passed.Should().Be(1, $"{name} is the port's own IPv6 traffic");
            dropped.Should().BeEmpty();
            return;
        }
        dropped.Should().Equal([reason], $"{name} must be dropped at p{port} as {reason}");
        passed.Should().Be(0);

        // The same frame with the rules of its reason left out: it must pass, else the case proves nothing.
        var marker = $"name \"{NftRenderer.CounterName(reason, "p" + port)}\" drop";
        await _bridge.NftAsync(string.Join('\n', rules.Split('\n').Where(l => !l.Contains(marker, StringComparison.Ordinal))), Ct);
        _bridge.Send("v" + port, Frame(name));
        (await OutcomeAsync("p" + port, null)).Passed.Should().Be(1, $"without the {reason} rules, {name} reaches the client");
    }

    /// <summary>
    /// Waits for the evidence of what became of the frame: the client's probe counted it, or one of the
    /// port's drop counters did. 2 s at most: the bridge decides within microseconds, the rest is a loaded machine's nft calls.
    /// </summary>
    private async Task<(long Passed, string[] Dropped)> OutcomeAsync(string port, string? expected)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var counters = await _bridge!.CountersAsync(Ct);
            var passed = counters.GetValueOrDefault("passed");
            string[] dropped = [.. NftRenderer.DropReasons.Where(r => counters.GetValueOrDefault(NftRenderer.CounterName(r, port)) > 0)];
            if (passed > 0 || dropped.Length > 0)
            {
                return (passed, dropped);
            }
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), $"the frame (expected: {expected ?? "pass"}) was neither seen at pC nor counted at {port}");
            await Task.Delay(20, Ct);
        }
    }
}
