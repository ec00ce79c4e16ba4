using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using HaVip.Net.Ethernet;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// use_vmac_addr as keepalived 2.2.7 runs it, read back from the kernel (the links' and
/// addresses' netlink dumps, through `ip -j`): keepalived and havipd each run the same file
/// alone in a namespace of their own with a second interface, and must leave the same VMACs
/// (name, base, MAC, mode) holding the same addresses, and announce the address from its VMAC
/// (gratuitous ARPs with the virtual MAC). havipd removes them when it stops.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class UseVmacAddrTests
{
    private const string SecondVip = "10.88.0.100/24";

    // Start on a loaded machine plus a lone master's Master_Down_Interval (3 × 0.1 s + skew).
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    private static string Config(string instanceVmac, string global = "") =>
        Conf.Global("n1", global) + $$"""
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority 150
            advert_int 0.1
            version 3
            {{instanceVmac}}
            use_vmac_addr
            virtual_ipaddress {
                10.77.0.100/24
                {{SecondVip}} dev eth1
            }
        }

        """;

    /// <summary>The third row names the VMACs with keepalived's vmac_prefix and vmac_addr_prefix (lan.51, up.51).</summary>
    [Theory]
    [InlineData("use_vmac", "")]
    [InlineData("", "")]
    [InlineData("use_vmac", "vmac_prefix lan\n    vmac_addr_prefix up")]
    public void UseVmacAddr_HavipdMakesKeepalivedsVmacs_AndRemovesThemOnStop(string instanceVmac, string global)
    {
        using var keepalivedLab = WithEth1();
        using var havipdLab = WithEth1();
        using var keepalivedTap = new FrameTap(keepalivedLab.Ns(1));
        using var havipdTap = new FrameTap(havipdLab.Ns(1));
        keepalivedLab.Keepalived(1, Config(instanceVmac, global));
        var havipd = havipdLab.Havipd(1, Config(instanceVmac, global));

        Eventually.Until(() => HoldsSecondVip(keepalivedLab) && HoldsSecondVip(havipdLab), Settle)
            .Should().BeTrue($"both masters hold {SecondVip}\n{keepalivedLab.Logs()}\n{havipdLab.Logs()}");
        var expected = Vmacs(keepalivedLab);
        expected.Should().Contain(v => v.Contains($"@eth1 00:00:5e:00:01:33 private {SecondVip}", StringComparison.Ordinal), keepalivedLab.Logs());
        if (global.Length > 0)
            expected.Should().Contain(v => v.StartsWith("up.51@eth1 ", StringComparison.Ordinal), keepalivedLab.Logs());
        Vmacs(havipdLab).Should().Equal(expected, $"havipd's VMACs are keepalived's\n{havipdLab.Logs()}");
        Eventually.Until(() => GarpsFromVmac(keepalivedTap) > 0 && GarpsFromVmac(havipdTap) > 0, Settle)
            .Should().BeTrue($"both announce {SecondVip} with the virtual MAC (keepalived {GarpsFromVmac(keepalivedTap)}, havipd {GarpsFromVmac(havipdTap)})\n{havipdLab.Logs()}");

        havipd.Signal("TERM");
        havipd.WaitForExit(TimeSpan.FromSeconds(10)).Should().BeTrue(havipdLab.Logs());
        Vmacs(havipdLab).Should().BeEmpty($"havipd removes its VMACs when it stops\n{havipdLab.Logs()}");
    }

    private static NetLab WithEth1()
    {
        var lab = new NetLab(nodes: 1, prefix: "hv15");
        try
        {
            Shell.Ip("-n", lab.Ns(1), "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
            Shell.Ip("-n", lab.Ns(1), "link", "set", "eth1p", "up");
            Shell.Ip("-n", lab.Ns(1), "addr", "add", "10.88.0.1/24", "dev", "eth1");
            Shell.Ip("-n", lab.Ns(1), "link", "set", "eth1", "up");
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>Gratuitous ARPs for the second VIP whose sender is the virtual MAC, as a namespace's packet socket saw them leave.</summary>
    private static int GarpsFromVmac(FrameTap tap)
    {
        var vip = IPAddress.Parse(SecondVip[..SecondVip.IndexOf('/', StringComparison.Ordinal)]);
        return tap.Frames.Count(f => f.Length >= 42 && BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(12)) == 0x0806
            && MacAddress.Read(f.AsSpan(22)) == MacAddress.VrrpIPv4(51)
            && new IPAddress(f.AsSpan(28, 4)).Equals(vip) && new IPAddress(f.AsSpan(38, 4)).Equals(vip));
    }

    private static bool HoldsSecondVip(NetLab lab) =>
        Shell.Try("ip", ["-n", lab.Ns(1), "-br", "-4", "addr"], out var o) && o.Contains(SecondVip, StringComparison.Ordinal);

    /// <summary>Every macvlan of the namespace as "NAME@BASE MAC MODE ADDR/LEN ...", sorted.</summary>
    internal static List<string> Vmacs(NetLab lab, int node = 1)
    {
        using var links = JsonDocument.Parse(Shell.Ip("-n", lab.Ns(node), "-d", "-j", "link", "show"));
        using var addresses = JsonDocument.Parse(Shell.Ip("-n", lab.Ns(node), "-j", "addr", "show"));
        var found = new List<string>();
        foreach (var link in links.RootElement.EnumerateArray())
        {
            if (!link.TryGetProperty("linkinfo", out var info) || info.GetProperty("info_kind").GetString() != "macvlan")
                continue;
            var name = link.GetProperty("ifname").GetString()!;
            var held = addresses.RootElement.EnumerateArray().Where(a => a.GetProperty("ifname").GetString() == name)
                .SelectMany(a => a.GetProperty("addr_info").EnumerateArray())
                .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")
                .Order(StringComparer.Ordinal);
            found.Add($"{name}@{link.GetProperty("link").GetString()} {link.GetProperty("address").GetString()} {info.GetProperty("info_data").GetProperty("mode").GetString()} {string.Join(' ', held)}".TrimEnd());
        }

        return [.. found.Order(StringComparer.Ordinal)];
    }
}
