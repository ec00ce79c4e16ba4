using System.Net;
using System.Net.Sockets;

namespace HaVip.Linux.Netlink;

/// <summary>
/// A policy routing rule, as <c>ip [-6] rule add [not] [from P] [to P] [iif IF] [oif IF] [fwmark M[/K]]
/// [tos T] [priority N] [protocol P] ACTION</c> (linux/fib_rules.h).
/// </summary>
public sealed record RuleSpec
{
    /// <summary>The kernel's rule list it goes in (AF_INET or AF_INET6); its addresses are of this family.</summary>
    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    public IPAddress? From { get; init; }

    public int FromPrefix { get; init; }

    public IPAddress? To { get; init; }

    public int ToPrefix { get; init; }

    /// <summary>FIB_RULE_INVERT: the selector is negated (<c>not</c>).</summary>
    public bool Invert { get; init; }

    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public uint? FwMark { get; init; }

    public uint? FwMask { get; init; }

    public byte Tos { get; init; }

    public uint? Priority { get; init; }

    /// <summary>FR_ACT_*: 1 to table, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit.</summary>
    public byte Action { get; init; } = 1;

    /// <summary>The table of a "to table" rule; 0 means main.</summary>
    public uint Table { get; init; }

    public uint GotoTarget { get; init; }

    /// <summary>FRA_PROTOCOL (the rule's owner, as ip-rule shows it); null sends none.</summary>
    public byte? Protocol { get; init; }
}
