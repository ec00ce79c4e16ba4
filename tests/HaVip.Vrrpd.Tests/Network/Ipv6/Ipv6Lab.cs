using System.Globalization;
using System.Net;

namespace HaVip.Vrrpd.Tests.Network.Ipv6;

/// <summary>
/// A <see cref="NetLab"/> whose nodes also speak IPv6 on eth0: link-local fe80::N and fd77::N/64,
/// both without DAD (a tentative address cannot be a source), kept on link down (an IPv6 address
/// vanishes with its link otherwise, and a node whose link comes back must not lose its source),
/// no address made by the kernel. The bridge floods multicast (no MLD snooping), so ff02::12
/// reaches every node however the joins raced. Names start with hv10 unless the test names its own prefix.
/// </summary>
internal static class Ipv6Lab
{
    /// <summary>
    /// Starting daemons is not the protocol: a loaded machine (JIT, other helpers' builds) has
    /// taken most of a minute before.
    /// </summary>
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A backup of priority 100 at advert_int 0.1 (every instance here) takes over
    /// Master_Down_Interval = 3 × 0.1 + (256 − 100) / 256 × 0.1 = 0.361 s (RFC 5798 section 6.1)
    /// after the master's last advert; 3 s of margin for a loaded machine's timers and the test's
    /// polling of status sockets and `ip`.
    /// </summary>
    public static readonly TimeSpan Takeover = TimeSpan.FromSeconds(0.361 + 3);

    public static IPAddress Vip => IPAddress.Parse("fd77::100");

    public static IPAddress Address(int node) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fd77::{node}"));

    public static IPAddress LinkLocal(int node) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fe80::{node}"));

    public static NetLab Create(int nodes, string prefix = "hv10")
    {
        var lab = new NetLab(nodes, prefix);
        try
        {
            Shell.Ip("-n", $"{lab.Prefix}-sw", "link", "set", "br0", "type", "bridge", "mcast_snooping", "0");
            for (var i = 1; i <= nodes; i++)
                Enable(lab.Ns(i), i);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private static void Enable(string ns, int node)
    {
        Shell.Run("ip", "netns", "exec", ns, "sysctl", "-q", "-w",
            "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.eth0.accept_dad=0",
            "net.ipv6.conf.eth0.keep_addr_on_down=1", "net.ipv6.conf.eth0.addr_gen_mode=1",
            "net.ipv6.conf.all.disable_ipv6=0", "net.ipv6.conf.eth0.disable_ipv6=0");
        Shell.Ip("-n", ns, "addr", "add", $"{LinkLocal(node)}/64", "dev", "eth0", "nodad");
        Shell.Ip("-n", ns, "addr", "add", $"{Address(node)}/64", "dev", "eth0", "nodad");
    }

    /// <summary>
    /// Node <paramref name="node"/>'s VRRPv3 instance over IPv6 on eth0, VIP fd77::100/64: multicast
    /// to ff02::12 from its link-local address, or unicast from fd77::N to node
    /// <paramref name="peer"/>'s fd77::M. keepalived binds its IPv6 unicast socket to its source
    /// address and hears only adverts sent there, so a unicast pair names its unicast_src_ip.
    /// </summary>
    public static string Config(int node, int priority, int? peer = null, string? extra = null)
    {
        var unicast = peer is { } p ? $"unicast_src_ip {Address(node)}\n    unicast_peer {{\n        {Address(p)}\n    }}" : "";
        return Conf.Global($"n{node}") + Conf.Instance(priority, extra: unicast + "\n" + extra, vip: $"{Vip}/64");
    }

    /// <summary>The source of node <paramref name="node"/>'s adverts in <see cref="Config"/>.</summary>
    public static IPAddress Source(int node, bool unicast) => unicast ? Address(node) : LinkLocal(node);
}
