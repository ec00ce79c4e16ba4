using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>One <c>virtual_rules</c> line while it is read; keepalived's messages, word for word.</summary>
internal sealed class RuleDraft(SourcePosition line, ParseContext c)
{
    private static readonly HashSet<string> ValuedWords =
        ["from", "to", "table", "lookup", "preference", "order", "priority", "fwmark", "tos", "dsfield", "dev", "iif", "oif", "protocol", "goto", "type"];

    private VirtualRule _rule = new() { Position = line };
    private AddressFamily? _family;
    private bool _fromAll;
    private bool _toAll;
    private RuleAction? _action;
    private bool _noTrack;
    private bool _priority;
    private (string Text, SourcePosition At)? _protocol;

    public bool Failed { get; private set; }

    public static bool TakesValue(string word) => ValuedWords.Contains(word);

    public void Fail(string message)
    {
        c.Warning(line, DiagnosticCodes.InvalidRule, message);
        Failed = true;
    }

    public void Flag(string word)
    {
        switch (word)
        {
            case "not": _rule = _rule with { Invert = true }; break;
            case "inet6": Family(AddressFamily.InterNetworkV6, "inet6 specified for IPv4 rule"); break;
            case "inet": Family(AddressFamily.InterNetwork, "inet specified for IPv6 rule"); break;
            case "no_track": _noTrack = true; break;
            case "nop": Action(RuleAction.Nop); break;
            case "blackhole": Action(RuleAction.Blackhole); break;
            case "unreachable": Action(RuleAction.Unreachable); break;
            case "prohibit": Action(RuleAction.Prohibit); break;
        }
    }

    /// <summary>A word with its value at <paramref name="i"/> + 1; returns the index of the last word read.</summary>
    public int Valued(List<Token> words, int i)
    {
        var key = words[i].Text;
        var value = words[i + 1];
        switch (key)
        {
            case "from" or "to": Address(key, value.Text); break;
            case "table" or "lookup": Table(value.Text); break;
            case "preference" or "order" or "priority": Priority(key, value.Text); break;
            case "fwmark": FwMark(value.Text); break;
            case "tos" or "dsfield": Tos(value.Text); break;
            case "dev" or "iif": _rule = _rule with { InputInterface = value.Text }; break;
            case "oif": _rule = _rule with { OutputInterface = value.Text }; break;
            case "protocol": _protocol = (value.Text, value.Position); break;
            case "goto": Goto(value.Text); break;
            case "type": Flag(value.Text is "nop" or "blackhole" or "unreachable" or "prohibit" ? value.Text : Invalid(value.Text)); break;
            default: Fail($"Unknown rule option {key}"); return i;
        }

        return i + 1;
    }

    private string Invalid(string action)
    {
        Fail(action is "unicast" or "local" or "broadcast" or "anycast" or "multicast" or "throw" or "nat" or "xresolve"
            ? $"Invalid rule action {action}"
            : $"Unknown rule option {action}");
        return "";
    }

    /// <summary>
    /// keepalived's alloc_rule: <c>inet</c>/<c>inet6</c> or the first address decides the family,
    /// and a later word of the other family drops the rule.
    /// </summary>
    private bool Family(AddressFamily family, string conflict)
    {
        if (_family is null || _family == family)
        {
            _family = family;
            return true;
        }

        Fail(conflict);
        return false;
    }

    private void Address(string key, string text)
    {
        // "all" and its synonyms have no family of their own: the rule's, once it is known.
        if (text is "default" or "any" or "all")
        {
            if (key == "from")
                (_rule, _fromAll) = (_rule with { From = null, FromPrefix = 0 }, true);
            else
                (_rule, _toAll) = (_rule with { To = null, ToPrefix = 0 }, true);
            return;
        }

        if (!IpText.TryParsePrefix(text, out var ip, out var prefix, out _))
        {
            Fail($"Invalid rule {key} address {text}");
            return;
        }

        if (!Family(ip.AddressFamily, "rule specification has mixed IPv4 and IPv6"))
            return;
        if (key == "from")
            (_rule, _fromAll) = (_rule with { From = ip, FromPrefix = prefix }, false);
        else
            (_rule, _toAll) = (_rule with { To = ip, ToPrefix = prefix }, false);
    }

    private void Table(string text)
    {
        uint? table = text switch
        {
            "main" => 254,
            "local" => 255,
            "default" => 253,
            "unspec" => 0,
            _ => Unsigned(text) is { } n and <= uint.MaxValue ? (uint)n : null,
        };
        if (table is null)
            Fail($"Routing table {text} not found for rule");
        else if (table == 0)
            Fail("Table 0 is not valid");
        else if (Action(RuleAction.Table))
            _rule = _rule with { Table = table.Value };
    }

    private void Priority(string key, string text)
    {
        if (Unsigned(text) is { } n and <= uint.MaxValue)
            (_rule, _priority) = (_rule with { Priority = (uint)n }, true);
        else
            Fail($"Invalid rule preference {key} specified");
    }

    private void FwMark(string text)
    {
        var slash = text.IndexOf('/');
        var mark = Unsigned(slash < 0 ? text : text[..slash]);
        var mask = slash < 0 ? null : Unsigned(text[(slash + 1)..]);
        if (mark is not (not null and <= uint.MaxValue) || (slash >= 0 && mask is not (not null and <= uint.MaxValue)))
            Fail($"Invalid rule fwmark {text} specified");
        else
            _rule = _rule with { FwMark = (uint)mark.Value, FwMask = mask is { } m ? (uint)m : null };
    }

    private void Tos(string text)
    {
        if (Unsigned(text) is { } n and <= byte.MaxValue)
            _rule = _rule with { Tos = (byte)n };
        else
            Fail($"TOS value {text} is invalid");
    }

    private void Goto(string text)
    {
        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var target))
            Fail("Invalid target goto specified");
        else if (Action(RuleAction.Goto))
            _rule = _rule with { GotoTarget = target };
    }

    private bool Action(RuleAction action)
    {
        if (_action is not null)
        {
            Fail("Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable/l3mdev for rule");
            return false;
        }

        _action = action;
        return true;
    }

    /// <summary>strtoul with base 0: 0x hex, a leading 0 octal, else decimal; null when not all of it is a number.</summary>
    private static ulong? Unsigned(string text)
    {
        try
        {
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length > 2)
                return ulong.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (text.Length > 1 && text[0] == '0')
                return Convert.ToUInt64(text, 8);
            return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return null;
        }
    }

    public VirtualRule? Build()
    {
        if (Failed)
            return null;
        if (_action is not { } action)
        {
            Fail("No action specified for rule - ignoring");
            return null;
        }

        if (action == RuleAction.Goto && !_priority)
        {
            Fail($"Invalid rule - goto target {_rule.GotoTarget} specified without preference");
            return null;
        }

        if (action == RuleAction.Goto && _rule.Priority >= _rule.GotoTarget)
        {
            Fail($"Invalid rule - preference {_rule.Priority} >= goto target {_rule.GotoTarget}");
            return null;
        }

        return Finish(action);
    }

    private VirtualRule Finish(RuleAction action)
    {
        byte? protocol = null;
        if (_protocol is { } p)
        {
            if (byte.TryParse(p.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
                protocol = b;
            else
                c.Warning(p.At, DiagnosticCodes.InvalidRule, $"Invalid protocol {p.Text}");
        }

        if (!_noTrack)
        {
            if (protocol is { } given && given != VirtualRuleReader.ProtocolKeepalived)
                c.Warning(line, DiagnosticCodes.InvalidRule, "Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol");
            protocol = VirtualRuleReader.ProtocolKeepalived;
        }

        var family = _family ?? AddressFamily.InterNetwork;
        var any = family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        var rule = _rule with
        {
            Family = family,
            Action = action,
            Protocol = protocol,
            From = _fromAll ? any : _rule.From,
            To = _toAll ? any : _rule.To,
        };
        if (!_priority)
        {
            rule = rule with { Priority = family == AddressFamily.InterNetworkV6 ? c.NextIpv6RulePriority-- : c.NextRulePriority-- };
            c.Warning(line, DiagnosticCodes.InvalidRule, $"Rule has no preference specified - setting to {rule.Priority}. This is probably not what you want.");
        }

        return rule;
    }
}
