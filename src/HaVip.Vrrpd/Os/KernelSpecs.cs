using HaVip.Linux.Netlink;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrpd.Os;

/// <summary>keepalived.conf address and route lines → the netlink requests that apply them.</summary>
internal static class KernelSpecs
{
    public static AddressSpec Address(VirtualAddress a, Func<string, int> interfaceIndex, string defaultDevice)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new AddressSpec(a.Address, a.PrefixLength, interfaceIndex(a.Device ?? defaultDevice))
        {
            Label = a.Label,
            Broadcast = a.Broadcast,
            Scope = Scope(a.Scope) ?? 0,
            PreferredLifetime = a.EffectivePreferredLifetime,
        };
    }

    public static RouteSpec Route(VirtualRoute r, Func<string, int> interfaceIndex)
    {
        ArgumentNullException.ThrowIfNull(r);

        // A hop without its own dev takes the route's, as keepalived's hops do.
        int? Index(string? device) => (device ?? r.Device) is { } dev ? interfaceIndex(dev) : null;
        return new RouteSpec(r.Destination, r.PrefixLength)
        {
            Gateway = r.Gateway,
            Hops = [.. r.NextHops.Select(h => new RouteHop(h.Gateway, Index(h.Device), h.Weight, h.OnLink))],
            PreferredSource = r.Source,
            InterfaceIndex = Index(null),
            Metric = r.Metric is { } m ? (uint)m : null,
            Table = Table(r.Table),
            Scope = Scope(r.Scope),
            Type = RouteType(r.Type),
        };
    }

    public static RuleSpec Rule(VirtualRule r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new RuleSpec
        {
            Family = r.Family,
            From = r.From,
            FromPrefix = r.FromPrefix,
            To = r.To,
            ToPrefix = r.ToPrefix,
            Invert = r.Invert,
            InputInterface = r.InputInterface,
            OutputInterface = r.OutputInterface,
            FwMark = r.FwMark,
            FwMask = r.FwMask,
            Tos = r.Tos,
            Priority = r.Priority,
            Action = (byte)r.Action,
            Table = r.Table,
            GotoTarget = r.GotoTarget,
            Protocol = r.Protocol,
        };
    }

    /// <summary>Names from /etc/iproute2/rt_scopes.</summary>
    internal static byte? Scope(string? scope) => scope switch
    {
        null => null,
        "global" or "universe" => 0,
        "site" => 200,
        "link" => 253,
        "host" => 254,
        "nowhere" => 255,
        _ => byte.TryParse(scope, out var b) ? b : null,
    };

    /// <summary>Names from /etc/iproute2/rt_tables; a number is taken as is.</summary>
    internal static uint Table(string? table) => table switch
    {
        null or "main" => 254,
        "local" => 255,
        "default" => 253,
        _ => uint.TryParse(table, out var t) ? t : 254,
    };

    /// <summary>RTN_* of linux/rtnetlink.h.</summary>
    internal static byte RouteType(string? type) => type switch
    {
        "blackhole" => 6,
        "unreachable" => 7,
        "prohibit" => 8,
        "throw" => 9,
        _ => 1,
    };
}
