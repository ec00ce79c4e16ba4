using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Keywords of <c>vrrp_instance NAME { }</c>; the blocks inside have their own readers.</summary>
internal static class VrrpInstanceKeywords
{
    // Real keywords havipd runs differently: each note says what havipd does instead.
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["track_bfd"] = "BFD is not tracked",
        ["lvs_sync_daemon_interface"] = "LVS is out of havipd's scope",
        ["unicast_fault_no_peer"] = "an instance without unicast peers advertises by multicast",
        ["mcast_dst_ip"] = "adverts go to 224.0.0.18",
        ["linkbeat_use_polling"] = "links are watched by netlink",
        ["garp_extra_if"] = "gratuitous ARPs go only to the VIPs' interface",
        ["kernel_rx_buf_size"] = "the kernel's default receive buffer is used",
    };

    public static KeywordTable<VrrpInstanceConfig> Table { get; } = new("vrrp_instance", Handlers());

    private static IEnumerable<KeyValuePair<string, KeywordHandler<VrrpInstanceConfig>>> Handlers()
    {
        yield return new("state", State);
        yield return new("interface", (s, i, c) => { c.Simple(s, 1); i.Interface = c.Arg(s, 0, "an interface name")?.Text ?? i.Interface; });
        yield return new("virtual_router_id", VirtualRouterId);
        yield return new("nopreempt", (s, i, c) => { c.Simple(s, 0); i.NoPreempt = true; });
        yield return new("preempt", (s, i, c) => { c.Simple(s, 0); i.NoPreempt = false; });
        yield return new("preempt_delay", (s, i, c) => { c.Simple(s, 1); i.PreemptDelay = c.Seconds(s, 0, 0, 1000, 6) ?? i.PreemptDelay; });
        yield return new("priority", Priority);
        yield return new("advert_int", AdvertInt);
        yield return new("version", Version);
        yield return new("authentication", AuthenticationBlock.Read);
        yield return new("unicast_src_ip", (s, i, c) => SourceIp(s, i, c));
        yield return new("mcast_src_ip", (s, i, c) => SourceIp(s, i, c));
        yield return new("unicast_peer", UnicastPeerBlock.Read);
        yield return new("native_ipv6", InstanceFamily.ReadNativeIpv6);
        yield return new("virtual_ipaddress", VirtualAddressReader.ReadBlock);
        yield return new("virtual_ipaddress_excluded", VirtualAddressReader.ReadExcluded);
        yield return new("virtual_routes", VirtualRouteReader.ReadBlock);
        yield return new("virtual_rules", VirtualRuleReader.ReadBlock);
        yield return new("dont_track_primary", (s, i, c) => { c.Simple(s, 0); i.DontTrackPrimary = true; });
        yield return new("check_unicast_src", (s, i, c) => { c.Simple(s, 0); i.CheckUnicastSourceSet = true; });
        yield return new("use_vmac", UseVmac);
        yield return new("vmac_xmit_base", (s, i, c) => { c.Simple(s, 0); i.VmacTransmitFromBase = true; });
        yield return new("use_vmac_addr", (s, i, c) => { c.Simple(s, 0); i.UseVmacAddr = true; });
        yield return new("accept", (s, i, c) => { c.Simple(s, 0); i.AcceptSet = true; i.AcceptPosition = s.Position; });
        yield return new("no_accept", (s, i, c) => { c.Simple(s, 0); i.AcceptSet = false; });
        yield return new("strict_mode", StrictMode.ReadStrictMode);
        yield return new("unicast_ttl", StrictMode.ReadUnicastTtl);
        yield return new("lower_prio_no_advert", (s, i, c) => i.LowerPriorityNoAdvertSet = c.Flag(s));
        yield return new("higher_prio_send_advert", (s, i, c) => i.HigherPrioritySendAdvertSet = c.Flag(s));
        yield return new("track_file", TrackBlocks.ReadFiles);
        yield return new("track_process", (s, i, c) => TrackBlocks.ReadFiles(s, i.TrackProcessList, c));
        yield return new("track_script", TrackBlocks.ReadScripts);
        yield return new("track_interface", TrackBlocks.ReadInterfaces);
        yield return new("notify_master", (s, i, c) => i.Notify.Master = c.Command(s) ?? i.Notify.Master);
        yield return new("notify_backup", (s, i, c) => i.Notify.Backup = c.Command(s) ?? i.Notify.Backup);
        yield return new("notify_fault", (s, i, c) => i.Notify.Fault = c.Command(s) ?? i.Notify.Fault);
        yield return new("notify_stop", (s, i, c) => i.Notify.Stop = c.Command(s) ?? i.Notify.Stop);
        yield return new("notify", (s, i, c) => i.Notify.Generic = c.Command(s) ?? i.Notify.Generic);
        yield return new("smtp_alert", (_, _, _) => { });
        foreach (var h in GarpKeywords.For<VrrpInstanceConfig>("garp_", i => i.Garp))
            yield return h;
        foreach (var (k, instead) in Unsupported)
            yield return new(k, (s, i, c) => c.Unsupported(s, string.Format(System.Globalization.CultureInfo.InvariantCulture, instead, i.Interface ?? "its interface")));
    }

    private static void State(Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 1);
        var t = c.Arg(s, 0, "MASTER or BACKUP");
        if (t is null)
            return;
        i.StatePosition = t.Value.Position;
        if (t.Value.Text == "MASTER")
            i.InitialState = InitialState.Master;
        else if (t.Value.Text == "BACKUP")
            i.InitialState = InitialState.Backup;
        else
            c.Error(t.Value.Position, DiagnosticCodes.InvalidState, $"state '{t.Value.Text}' is neither MASTER nor BACKUP (BACKUP used)");
    }

    // keepalived 2.2.7 (vrrp_vmac_handler): an invalid name is warned about and the default kept.
    private static void UseVmac(Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        i.UseVmacPosition = s.Position;
        if (s.Args.Count == 0)
            return;
        var name = s.Args[0].Text;
        if (VmacNames.IsValid(name))
            i.VmacName = name;
        else
            c.Warning(s.Args[0].Position, DiagnosticCodes.InvalidVmacName, $"VMAC interface name '{name}' too long or invalid characters - ignoring");
    }

    private static void VirtualRouterId(Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 1);
        i.VirtualRouterIdSeen = true;
        if (c.Integer(s, 0, 1, 255, DiagnosticCodes.InvalidVirtualRouterId) is { } v)
            i.VirtualRouterId = v;
    }

    // keepalived 2.2.7 accepts 1..255 here; 255 means "address owner" and is checked once the
    // instance is complete (see InstanceValidator).
    private static void Priority(Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Integer(s, 0, 1, 255, DiagnosticCodes.InvalidPriority) is { } v)
            i.ConfiguredPriority = v;
    }

    private static void AdvertInt(Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Seconds(s, 0, 0.01m, 100000, 2, DiagnosticCodes.InvalidAdvertInterval) is { } v)
        {
            i.AdvertInterval = v;
            i.AdvertIntPosition = s.Args[0].Position;
        }
    }

    private static void Version(Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Integer(s, 0, 2, 3, DiagnosticCodes.InvalidVersion) is { } v && InstanceFamily.AllowsVersion(s, i, (VrrpVersion)v, c))
            i.ConfiguredVersion = (VrrpVersion)v;
    }

    private static void SourceIp(Statement s, VrrpInstanceConfig i, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Arg(s, 0, "an IP address") is { } t && c.Ip(t, s.Name) is { } ip && InstanceFamily.Admit(i, ip, t.Position, s.Name, c))
            i.UnicastSourceIp = ip;
    }
}
