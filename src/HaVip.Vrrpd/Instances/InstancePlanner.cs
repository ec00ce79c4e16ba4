using System.Net;
using System.Net.Sockets;
using System.Text;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrpd.Instances;

/// <summary>Maps a parsed keepalived.conf to the instances havipd runs.</summary>
internal static class InstancePlanner
{
    /// <summary>
    /// <paramref name="primaryAddress"/> resolves an interface's own address of the instance's
    /// family (given the VIPs to skip): its first IPv4 address, or its IPv6 link-local address (RFC
    /// 5798 section 5.1.2.1). Instances without unicast_src_ip whose interface has none are
    /// reported, not run.
    /// </summary>
    public static (List<InstancePlan> Plans, List<string> Problems) Build(
        KeepalivedConfig config, Func<string, AddressFamily, IReadOnlyCollection<IPAddress>, IPAddress?> primaryAddress)
    {
        ArgumentNullException.ThrowIfNull(config);
        var plans = new List<InstancePlan>();
        var problems = new List<string>();
        var shared = new SharedValues();
        foreach (var instance in config.Instances)
        {
            if (instance.Interface is not { } device)
            {
                problems.Add($"vrrp_instance {instance.Name}: no interface");
                continue;
            }

            var vips = instance.VirtualAddresses.Select(v => v.Address).ToList();
            var primary = instance.UnicastSourceIp ?? primaryAddress(device, instance.Family, vips);
            if (primary is null)
            {
                var wanted = instance.Family == AddressFamily.InterNetworkV6 ? "IPv6 link-local" : "IPv4";
                problems.Add($"vrrp_instance {instance.Name}: interface {device} has no {wanted} address");
                continue;
            }

            var options = shared.Options(RouterOptionsFactory.Create(config, instance, primary));
            plans.Add(new InstancePlan(instance.Name, shared.Name(device), options, shared.Notify(instance.Notify))
            {
                Vmac = instance.Vmac,
                AddressVmacPrefix = config.GlobalDefs.AddressVmacPrefix,
                DropsVipTraffic = !instance.Accept && instance.Priority != 255,
                LinkLocalByName = instance.DontTrackPrimary && !config.GlobalDefs.NftablesIfindex,
            });
        }

        return (plans, problems);
    }

    /// <summary>
    /// What instances have equal, held once: the objects every plan keeps for as long as the
    /// instance runs (its interface's name, its gratuitous ARP timing, its tracked objects, its
    /// notify commands) are the same for most instances of a large configuration, and each copy is
    /// live heap that 1,000 instances repeat (docs/benchmarks.md). All of them are immutable once
    /// planned, so sharing them changes nothing but memory.
    /// </summary>
    private sealed class SharedValues
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<GarpOptions, GarpOptions> _garps = [];
        private readonly Dictionary<IReadOnlyList<TrackedObject>, IReadOnlyList<TrackedObject>> _tracked = new(SequenceComparer<TrackedObject>.Instance);
        private readonly Dictionary<(string?, string?, string?, string?, string?), NotifyScripts> _notify = [];

        public string Name(string name) => Once(_names, name);

        public VrrpRouterOptions Options(VrrpRouterOptions o) => o with { Garp = Once(_garps, o.Garp), Tracked = Once(_tracked, o.Tracked) };

        public NotifyScripts Notify(NotifyScripts n) => Once(_notify, (n.Master, n.Backup, n.Fault, n.Stop, n.Generic), n);

        private static T Once<T>(Dictionary<T, T> seen, T value)
            where T : notnull => Once(seen, value, value);

        private static TValue Once<TKey, TValue>(Dictionary<TKey, TValue> seen, TKey key, TValue value)
            where TKey : notnull
        {
            if (seen.TryGetValue(key, out var first))
                return first;
            seen[key] = value;
            return value;
        }
    }

    /// <summary>Lists equal item by item.</summary>
    private sealed class SequenceComparer<T> : IEqualityComparer<IReadOnlyList<T>>
    {
        public static readonly SequenceComparer<T> Instance = new();

        public bool Equals(IReadOnlyList<T>? x, IReadOnlyList<T>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

        public int GetHashCode(IReadOnlyList<T> list)
        {
            var hash = new HashCode();
            foreach (var item in list)
                hash.Add(item);
            return hash.ToHashCode();
        }
    }

    /// <summary>A canonical text of everything that changes behaviour: equal text, same instance.</summary>
    internal static string Fingerprint(string device, VrrpRouterOptions o, NotifyScripts n)
    {
        var b = new StringBuilder();
        b.AppendJoin('|', device, o.VirtualRouterId, o.Priority, o.PrimaryAddress, o.Version, o.AdvertisementInterval,
            o.NoPreempt, o.PreemptDelay, o.AuthPassword, o.SkipCheckAdvertAddresses, o.HigherPrioritySendAdvert,
            o.ReannounceOnLowerPriorityMaster, o.Garp);
        b.Append("|addr:").AppendJoin(',', o.VirtualAddresses.Select(a => a with { Position = default }));
        b.Append("|route:").AppendJoin(',', o.VirtualRoutes.Select(r => r with { Position = default }));
        b.Append("|rule:").AppendJoin(',', o.VirtualRules.Select(r => r with { Position = default }));
        b.Append("|peer:").AppendJoin(',', o.UnicastPeers);
        b.Append("|track:").AppendJoin(',', o.Tracked);
        b.Append("|notify:").AppendJoin(',', n.Master, n.Backup, n.Fault, n.Stop, n.Generic);
        return b.ToString();
    }
}
