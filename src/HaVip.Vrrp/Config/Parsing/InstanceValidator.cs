using HaVip.Net.Vrrp;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// Checks that need the whole file: defaults that depend on other keywords, the version-dependent
/// advert_int range, references to scripts, and keepalived 2.2.7's priority-255 rules
/// (vrrp_complete_instance in keepalived's vrrp.c).
/// </summary>
internal static class InstanceValidator
{
    private const int OwnerPriority = 255;

    public static void Complete(KeepalivedConfig config, ParseContext c)
    {
        foreach (var instance in config.InstanceList)
            Complete(instance, config, c);
        VmacNames.Complete(config.InstanceList, config.GlobalDefs.InstanceVmacPrefix, c);
        AddressVmacs.Complete(config.InstanceList, c);
        DuplicateVirtualRouterIds(config, c);
        SyncGroupValidator.Complete(config, c);
    }

    private static void Complete(VrrpInstanceConfig i, KeepalivedConfig config, ParseContext c)
    {
        if (i.Interface is null)
            c.Error(i.Position, DiagnosticCodes.MissingInterface, $"vrrp_instance '{i.Name}' has no 'interface'");
        if (!i.VirtualRouterIdSeen)
            c.Error(i.Position, DiagnosticCodes.MissingVirtualRouterId, $"vrrp_instance '{i.Name}' has no 'virtual_router_id'");
        i.Version = i.ConfiguredVersion ?? config.GlobalDefs.Version;
        InstanceFamily.Complete(i);
        AdvertInterval(i, c);
        Priority(i, c);
        if (i.Authentication is not null && i.Version == VrrpVersion.V3)
            c.Warning(i.Position, DiagnosticCodes.AuthIgnoredV3, $"vrrp_instance '{i.Name}': VRRPv3 has no authentication (RFC 5798 section 9); 'authentication' is ignored");
        Peers(i, c);
        StrictMode.Complete(i, config.GlobalDefs, c);
        i.CheckUnicastSource = i.CheckUnicastSourceSet || config.GlobalDefs.CheckUnicastSource;
        References(i.TrackScriptList, i.TrackFileList, config, c);
        Processes(i.TrackProcessList, config, c);
    }

    internal static void References(List<TrackScriptRef> scripts, List<TrackRef> files, KeepalivedConfig config, ParseContext c)
    {
        foreach (var track in scripts.Where(t => !config.ScriptTable.ContainsKey(t.Name)))
            c.Error(track.Position, DiagnosticCodes.UnknownTrackScript, $"track_script '{track.Name}' names no vrrp_script");
        foreach (var track in files.Where(t => !config.TrackFileTable.ContainsKey(t.Name)))
            c.Error(track.Position, DiagnosticCodes.UnknownTrackScript, $"track_file '{track.Name}' names no track_file block");
    }

    internal static void Processes(List<TrackRef> processes, KeepalivedConfig config, ParseContext c)
    {
        foreach (var track in processes.Where(t => !config.TrackProcessTable.ContainsKey(t.Name)))
            c.Error(track.Position, DiagnosticCodes.UnknownTrackScript, $"track_process '{track.Name}' names no vrrp_track_process block");
    }

    // RFC 3768 section 5.3.7: v2 carries whole seconds in 8 bits. RFC 5798 section 5.2.7: v3
    // carries centiseconds in 12 bits, so 0.01..40.95 s.
    private static void AdvertInterval(VrrpInstanceConfig i, ParseContext c)
    {
        var seconds = (decimal)i.AdvertInterval.Ticks / TimeSpan.TicksPerSecond;
        var at = i.AdvertIntPosition ?? i.Position;
        if (i.Version == VrrpVersion.V2 && (seconds != decimal.Truncate(seconds) || seconds is < 1 or > 255))
            c.Error(at, DiagnosticCodes.InvalidAdvertInterval, $"advert_int {seconds}s is invalid for VRRPv2: whole seconds from 1 to 255");
        else if (i.Version == VrrpVersion.V3 && seconds is < 0.01m or > 40.95m)
            c.Error(at, DiagnosticCodes.InvalidAdvertInterval, $"advert_int {seconds}s is invalid for VRRPv3: 0.01 to 40.95 seconds");
        else
            return;
        i.AdvertInterval = TimeSpan.FromSeconds(1);
    }

    private static void Priority(VrrpInstanceConfig i, ParseContext c)
    {
        // keepalived: no priority and state MASTER means "address owner".
        i.Priority = i.ConfiguredPriority ?? (i.InitialState == InitialState.Master ? OwnerPriority : 100);
        if (i.Priority != OwnerPriority)
            return;
        if (i.NoPreempt)
        {
            c.Warning(i.Position, DiagnosticCodes.OwnerNoPreempt, $"vrrp_instance '{i.Name}': nopreempt is incompatible with priority 255 (cleared)");
            i.NoPreempt = false;
        }

        if (i.InitialState == InitialState.Backup && i.StatePosition is { } at)
        {
            c.Warning(at, DiagnosticCodes.OwnerStateBackup, $"vrrp_instance '{i.Name}': an address owner (priority 255) cannot start as BACKUP (MASTER used)");
            i.InitialState = InitialState.Master;
        }

        if (i.TrackScriptList.Count > 0 || i.TrackInterfaceList.Count > 0)
            c.Warning(i.Position, DiagnosticCodes.OwnerIgnoresWeights, $"vrrp_instance '{i.Name}': tracking weights do not change an address owner's priority 255");
    }

    private static void Peers(VrrpInstanceConfig i, ParseContext c)
    {
        var seen = new HashSet<System.Net.IPAddress>();
        foreach (var (peer, at) in i.PeerPositions)
        {
            if (peer.Equals(i.UnicastSourceIp))
                c.Error(at, DiagnosticCodes.PeerEqualsSource, $"unicast_peer {peer} is this router's own unicast_src_ip");
            else if (!seen.Add(peer))
                c.Warning(at, DiagnosticCodes.DuplicatePeer, $"unicast_peer {peer} is listed twice");
        }
    }

    private static void DuplicateVirtualRouterIds(KeepalivedConfig config, ParseContext c)
    {
        var owners = new Dictionary<(string?, int, bool), VrrpInstanceConfig>();
        foreach (var i in config.InstanceList.Where(i => i.VirtualRouterId > 0))
        {
            var v6 = i.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;
            if (!owners.TryAdd((i.Interface, i.VirtualRouterId, v6), i))
            {
                c.Error(i.Position, DiagnosticCodes.DuplicateVirtualRouterId,
                    $"vrrp_instance '{i.Name}' uses virtual_router_id {i.VirtualRouterId} on {i.Interface}, as '{owners[(i.Interface, i.VirtualRouterId, v6)].Name}' does");
            }
        }
    }
}
