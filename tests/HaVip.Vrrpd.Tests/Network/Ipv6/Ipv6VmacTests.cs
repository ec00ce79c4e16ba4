using System.Buffers.Binary;
using System.Net;
using HaVip.Net.Ethernet;

namespace HaVip.Vrrpd.Tests.Network.Ipv6;

/// <summary>
/// use_vmac with a VRRPv3 instance over IPv6, havipd and keepalived 2.2.7 in one cluster: both
/// make vrrp.51 with the IPv6 virtual MAC 00:00:5e:00:02:33 (RFC 5798 section 7.3) and, instead
/// of a link-local address of the kernel's making (the same on every router), the base's own
/// (vrrp_vmac.c, set_link_local_address); adverts leave from the VMAC with that source, the new
/// master's Neighbor Advertisement carries the virtual MAC, and the VIP moves with it.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class Ipv6VmacTests
{
    private const int Observer = 3;
    private const string VmacName = "vrrp.51";
    private const byte VrrpProtocol = 112;
    private static readonly MacAddress VirtualMac = MacAddress.VrrpIPv6(51);

    private static string Config(int node, int priority) =>
        Conf.Global($"n{node}") + Conf.Instance(priority, extra: "use_vmac", vip: $"{Ipv6Lab.Vip}/64");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ipv6UseVmac_VmacHasTheIpv6VirtualMacAndTheBasesLinkLocal_VipMovesWithIt(bool havipdMaster)
    {
        using var lab = Ipv6Lab.Create(nodes: 3, prefix: "hv15");
        using var tap = new FrameTap(lab.Ns(Observer));
        Start(lab, 1, Config(1, 200), havipd: havipdMaster);
        Start(lab, 2, Config(2, 100), havipd: !havipdMaster);

        string[] master = [$"{VmacName}@eth0 {VirtualMac} private {Ipv6Lab.Vip}/64 {Ipv6Lab.LinkLocal(1)}/64"];
        string[] backup = [$"{VmacName}@eth0 {VirtualMac} private {Ipv6Lab.LinkLocal(2)}/64"];

        // Both started (a daemon's start is not the protocol) and the kernel shows each one's VMAC.
        Eventually.Until(() => Holders(lab).SequenceEqual([1]) && UseVmacAddrTests.Vmacs(lab, 2).SequenceEqual(backup), Ipv6Lab.Startup)
            .Should().BeTrue($"node 2's VMAC: {string.Join("; ", UseVmacAddrTests.Vmacs(lab, 2))}\n{lab.Logs()}");
        UseVmacAddrTests.Vmacs(lab, 1).Should().Equal(master, lab.Logs());
        Eventually.Until(() => AdvertsFrom(tap, Ipv6Lab.LinkLocal(1)) > 0, Ipv6Lab.Takeover)
            .Should().BeTrue($"node 1's adverts leave from the VMAC with its link-local source ({tap.Count} frames)\n{lab.Logs()}");
        Eventually.Until(() => ClaimsFromVmac(tap) > 0, Ipv6Lab.Takeover).Should().BeTrue(NeighborAdverts.Describe(tap));

        var claims = ClaimsFromVmac(tap);
        lab.LinkDown(1);

        Eventually.Until(() => Holders(lab).SequenceEqual([2]), Ipv6Lab.Takeover).Should().BeTrue(lab.Logs());
        Eventually.Until(() => AdvertsFrom(tap, Ipv6Lab.LinkLocal(2)) > 0 && ClaimsFromVmac(tap) > claims, Ipv6Lab.Takeover)
            .Should().BeTrue($"node 2 advertises and claims the VIP from the same virtual MAC\n{NeighborAdverts.Describe(tap)}\n{lab.Logs()}");

        // Back up, node 1 (200) preempts node 2 (100): its VMAC still has its source address.
        var before = AdvertsFrom(tap, Ipv6Lab.LinkLocal(1));
        lab.LinkUp(1);

        // Not a timing claim: a daemon leaving FAULT may first wait for the link to settle.
        Eventually.Until(() => Holders(lab).SequenceEqual([1]) && AdvertsFrom(tap, Ipv6Lab.LinkLocal(1)) > before, Ipv6Lab.Startup)
            .Should().BeTrue($"node 1 takes the VIP back\n{string.Join('\n', UseVmacAddrTests.Vmacs(lab, 1))}\n{lab.Logs()}");
    }

    private static void Start(NetLab lab, int node, string config, bool havipd)
    {
        if (havipd)
            lab.Havipd(node, config);
        else
            lab.Keepalived(node, config);
    }

    /// <summary>Routers whose VMAC holds the VIP right now.</summary>
    private static List<int> Holders(NetLab lab) =>
        [.. new[] { 1, 2 }.Where(i => Shell.Try("ip", ["-n", lab.Ns(i), "-br", "-6", "addr", "show", "dev", VmacName], out var o) && o.Contains($"{Ipv6Lab.Vip}/64", StringComparison.Ordinal))];

    /// <summary>VRRP adverts heard with the virtual MAC as Ethernet source and <paramref name="source"/> as IPv6 source.</summary>
    private static int AdvertsFrom(FrameTap tap, IPAddress source) =>
        tap.Frames.Count(f => f.Length > 54 && BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(12)) == 0x86DD && f[20] == VrrpProtocol
            && MacAddress.Read(f.AsSpan(6)) == VirtualMac && new IPAddress(f.AsSpan(22, 16)).Equals(source));

    /// <summary>Unsolicited Neighbor Advertisements for the VIP sent from, and naming, the virtual MAC.</summary>
    private static int ClaimsFromVmac(FrameTap tap) =>
        NeighborAdverts.For(tap, Ipv6Lab.Vip).Count(na => na.IsClaim && na.EthernetSource == VirtualMac && na.TargetLinkLayer == VirtualMac);
}
