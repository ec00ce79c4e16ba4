using System.Net;
using System.Net.Sockets;

namespace HaVip.Vrrp.Config;

/// <summary>FR_ACT_* of linux/fib_rules.h: what a matching packet's rule does.</summary>
public enum RuleAction : byte
{
    Table = 1,
    Goto = 2,
    Nop = 3,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}

/// <summary>
/// One <c>virtual_rules</c> line: <c>[inet|inet6] [not] [from P] [to P] [iif|dev IF] [oif IF] [fwmark M[/K]] [tos T]
/// [priority N] [protocol P] [no_track] table T | goto N | nop | blackhole | unreachable | prohibit</c>.
/// </summary>
public sealed record VirtualRule
{
    /// <summary>
    /// The rule's family (AF_INET or AF_INET6 rules are separate lists in the kernel): from
    /// <c>inet6</c>/<c>inet</c> or the first address, IPv4 when nothing says, as keepalived decides it.
    /// </summary>
    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    public IPAddress? From { get; init; }

    public int FromPrefix { get; init; }

    public IPAddress? To { get; init; }

    public int ToPrefix { get; init; }

    public bool Invert { get; init; }

    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public uint? FwMark { get; init; }

    public uint? FwMask { get; init; }

    public byte Tos { get; init; }

    /// <summary>Always set: keepalived gives a rule without one the next of 16384, 16383, ... (per file).</summary>
    public uint Priority { get; init; }

    public RuleAction Action { get; init; }

    /// <summary>The table of a <see cref="RuleAction.Table"/> rule (254 is main).</summary>
    public uint Table { get; init; }

    public uint GotoTarget { get; init; }

    /// <summary>18 (RTPROT_KEEPALIVED) unless <c>no_track</c>, as keepalived tags the rules it tracks.</summary>
    public byte? Protocol { get; init; }

    public SourcePosition Position { get; init; }
}
