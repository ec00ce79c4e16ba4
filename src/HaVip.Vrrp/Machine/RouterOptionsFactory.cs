using System.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Machine;

/// <summary>Turns a parsed vrrp_instance (with its global_defs and scripts) into state machine options.</summary>
public static class RouterOptionsFactory
{
    /// <summary>
    /// <paramref name="primaryAddress"/> is the instance interface's address when no
    /// unicast_src_ip is configured; only the daemon can know it.
    /// </summary>
    public static VrrpRouterOptions Create(KeepalivedConfig config, VrrpInstanceConfig instance, IPAddress? primaryAddress = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(instance);
        var primary = instance.UnicastSourceIp ?? primaryAddress
            ?? throw new ArgumentException($"vrrp_instance '{instance.Name}' has no unicast_src_ip: pass the interface address", nameof(primaryAddress));
        return new VrrpRouterOptions
        {
            VirtualRouterId = (byte)instance.VirtualRouterId,
            Priority = (byte)instance.Priority,
            PrimaryAddress = primary,
            Version = instance.Version,
            AdvertisementInterval = instance.AdvertInterval,
            NoPreempt = instance.NoPreempt,
            PreemptDelay = instance.PreemptDelay,
            VirtualAddresses = Compact(instance.VirtualAddresses),
            VirtualRoutes = Compact(instance.VirtualRoutes),
            VirtualRules = Compact(instance.VirtualRules),
            ExcludedAddresses = Compact(instance.ExcludedAddresses),
            CheckUnicastSource = instance.CheckUnicastSource,
            UnicastPeers = Compact(instance.UnicastPeers),
            UnicastTtl = (byte)(instance.UnicastTtl ?? VrrpProtocol.Ttl),
            AuthPassword = instance.Version == VrrpVersion.V2 && instance.Authentication?.Type == AuthType.Pass ? instance.Authentication.Password : null,
            Tracked = Compact(Tracked(config, instance)),
            Garp = Garp(config.GlobalDefs, instance.Garp, instance.Family == System.Net.Sockets.AddressFamily.InterNetworkV6),
            SkipCheckAdvertAddresses = config.GlobalDefs.SkipCheckAdvertAddresses,
            HigherPrioritySendAdvert = instance.HigherPrioritySendAdvert,
            ReannounceOnLowerPriorityMaster = !instance.LowerPriorityNoAdvert,
        };
    }

    /// <summary>
    /// The options outlive the parsed file: an array of exactly the items (none shared: empty)
    /// instead of the parser's growable list, which a daemon of 1,000 instances holds five times each.
    /// </summary>
    private static T[] Compact<T>(IReadOnlyList<T> items) => items.Count == 0 ? [] : [.. items];

    private static List<TrackedObject> Tracked(KeepalivedConfig config, VrrpInstanceConfig instance)
    {
        var tracked = new List<TrackedObject>();
        foreach (var t in instance.TrackScripts)
        {
            if (!config.Scripts.TryGetValue(t.Name, out var script))
                continue;
            tracked.Add(t.Weight is { } w
                ? new TrackedObject(TrackKind.Script, t.Name, w, t.Reverse)
                : new TrackedObject(TrackKind.Script, t.Name, script.Weight, script.WeightReverse));
        }

        foreach (var t in instance.TrackFiles)
        {
            if (config.TrackFiles.TryGetValue(t.Name, out var file))
                tracked.Add(new TrackedObject(TrackKind.File, t.Name, t.Weight ?? file.Weight, t.Weight is null ? file.Reverse : t.Reverse));
        }

        foreach (var t in instance.TrackProcesses)
        {
            if (config.TrackProcesses.TryGetValue(t.Name, out var process))
                tracked.Add(new TrackedObject(TrackKind.Process, t.Name, t.Weight ?? process.Weight, t.Weight is null ? process.Reverse : t.Reverse));
        }

        tracked.AddRange(instance.TrackInterfaces.Select(t => new TrackedObject(TrackKind.Interface, t.Name, t.Weight, t.Reverse)));

        // keepalived tracks the instance's own interface unless dont_track_primary: down means FAULT.
        if (!instance.DontTrackPrimary && instance.Interface is { } own && tracked.All(t => t.Kind != TrackKind.Interface || t.Name != own))
            tracked.Add(new TrackedObject(TrackKind.Interface, own, 0));
        if (config.SyncGroups.FirstOrDefault(g => g.Name == instance.SyncGroup) is { } group)
            AddGroup(tracked, group, config);
        return tracked;
    }

    /// <summary>
    /// A sync group's own tracked objects fault every member whatever their weight (keepalived
    /// without sync_group_tracking_weight), and the group itself is tracked: another member's
    /// FAULT faults this one.
    /// </summary>
    private static void AddGroup(List<TrackedObject> tracked, SyncGroupConfig group, KeepalivedConfig config)
    {
        tracked.Add(new TrackedObject(TrackKind.SyncGroup, group.Name, 0));

        // A script or file removed after parsing (insecure, or its directory missing) is not tracked, as in keepalived.
        foreach (var t in group.TrackScripts.Where(t => config.Scripts.ContainsKey(t.Name)))
            Replace(tracked, new TrackedObject(TrackKind.Script, t.Name, 0, t.Reverse));
        foreach (var t in group.TrackInterfaces)
            Replace(tracked, new TrackedObject(TrackKind.Interface, t.Name, 0, t.Reverse));
        foreach (var t in group.TrackFiles.Where(t => config.TrackFiles.ContainsKey(t.Name)))
            Replace(tracked, new TrackedObject(TrackKind.File, t.Name, 0, t.Reverse));
        foreach (var t in group.TrackProcesses)
            Replace(tracked, new TrackedObject(TrackKind.Process, t.Name, 0, t.Reverse));
    }

    // One entry per object: the TrackSet keys by kind and name.
    private static void Replace(List<TrackedObject> tracked, TrackedObject o)
    {
        tracked.RemoveAll(t => t.Kind == o.Kind && t.Name == o.Name);
        tracked.Add(o);
    }

    /// <summary>
    /// keepalived uses the garp_* counts and delays for an IPv6 instance's unsolicited Neighbor
    /// Advertisements too; only the gap inside a burst has its own setting (vrrp_gna_interval).
    /// </summary>
    private static GarpOptions Garp(GlobalDefs g, GarpConfig i, bool ipv6)
    {
        var repeat = i.MasterRepeat ?? g.Garp.MasterRepeat ?? 5;
        var delay = i.MasterDelay ?? g.Garp.MasterDelay ?? TimeSpan.FromSeconds(5);
        return new GarpOptions
        {
            Interval = ipv6 ? g.GnaInterval : g.GarpInterval,
            MasterRepeat = repeat,
            MasterDelay = delay,
            MasterRefresh = i.MasterRefresh ?? g.Garp.MasterRefresh ?? TimeSpan.Zero,
            MasterRefreshRepeat = i.MasterRefreshRepeat ?? g.Garp.MasterRefreshRepeat ?? 1,
            LowerPriorityRepeat = i.LowerPriorityRepeat ?? g.Garp.LowerPriorityRepeat ?? repeat,
            LowerPriorityDelay = i.LowerPriorityDelay ?? g.Garp.LowerPriorityDelay ?? delay,
        };
    }
}
