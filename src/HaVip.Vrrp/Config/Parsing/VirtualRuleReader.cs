using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// <c>virtual_rules { ... }</c>, one ip rule a line, read as keepalived 2.2.7's alloc_rule reads it:
/// a bad line is keepalived's complaint (a warning, with its message) and only that rule is dropped;
/// a rule without a preference gets the next of 16384, 16383, ... in file order (IPv4 and IPv6
/// rules counted apart), as keepalived gives it, with its warning; a tracked rule (no
/// <c>no_track</c>) is tagged protocol 18. A rule is IPv6 by <c>inet6</c> or its first address;
/// as in keepalived 2.2.7, the word after <c>inet</c>/<c>inet6</c> is skipped.
/// Options keepalived knows that havipd does not run are a note, and that rule is not installed.
/// </summary>
internal static class VirtualRuleReader
{
    public const byte ProtocolKeepalived = 18;

    private static readonly HashSet<string> NotRun =
    [
        "realms", "suppress_prefixlength", "sup_pl", "suppress_ifgroup", "sup_group", "tunnel-id",
        "uidrange", "l3mdev", "ipproto", "sport", "dport", "track_group",
    ];

    public static void ReadBlock(Statement s, VrrpInstanceConfig instance, ParseContext c)
    {
        foreach (var line in c.Block(s) ?? [])
        {
            if (Read(line, c) is { } rule)
                instance.RuleList.Add(rule);
        }
    }

    private static VirtualRule? Read(Statement line, ParseContext c)
    {
        var words = new List<Token> { line.Keyword };
        words.AddRange(line.Args);
        var draft = new RuleDraft(line.Position, c);
        for (var i = 0; i < words.Count && !draft.Failed; i++)
        {
            var word = words[i];
            if (NotRun.Contains(word.Text))
            {
                c.Note(word.Position, DiagnosticCodes.NotSupported, $"rule option '{word.Text}' is not run by havipd: this rule is not installed");
                return null;
            }

            if (word.Text is "inet" or "inet6")
            {
                // keepalived 2.2.7 (alloc_rule) steps past the family word twice, so the word
                // after it is never read: "inet6 from all" is "Unknown rule option all" there.
                draft.Flag(word.Text);
                i++;
                continue;
            }

            if (word.Text is "not" or "no_track" or "nop" or "blackhole" or "unreachable" or "prohibit")
            {
                draft.Flag(word.Text);
                continue;
            }

            if (i + 1 >= words.Count)
            {
                draft.Fail(RuleDraft.TakesValue(word.Text) ? $"rule option '{word.Text}' needs a value" : $"Unknown rule option {word.Text}");
                break;
            }

            i = draft.Valued(words, i);
        }

        return draft.Build();
    }
}
