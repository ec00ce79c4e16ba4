using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// <c>virtual_ipaddress { ADDR[/LEN] [brd X] [dev X] [scope X] [label X] [peer X] [flags] }</c>.
/// keepalived reports an unknown word and keeps the address; so do we.
/// </summary>
internal static class VirtualAddressReader
{
    private static readonly HashSet<string> Flags =
        ["no_track", "track", "home", "-nodad", "nodad", "optimistic", "noprefixroute", "autojoin", "use_vmac"];

    private static readonly HashSet<string> Valued = ["brd", "broadcast", "dev", "scope", "label", "peer", "preferred_lft"];

    public static void ReadBlock(Statement s, VrrpInstanceConfig instance, ParseContext c)
    {
        foreach (var line in c.Block(s) ?? [])
        {
            if (Read(line, c) is { } address && InstanceFamily.Admit(instance, address.Address, line.Position, "virtual_ipaddress", c))
                instance.AddressList.Add(address);
        }
    }

    /// <summary><c>virtual_ipaddress_excluded</c>: the same lines, kept apart (never in adverts).</summary>
    public static void ReadExcluded(Statement s, VrrpInstanceConfig instance, ParseContext c) => ReadInto(s, instance.ExcludedList, c);

    private static void ReadInto(Statement s, List<VirtualAddress> into, ParseContext c)
    {
        foreach (var line in c.Block(s) ?? [])
        {
            if (Read(line, c) is { } address)
                into.Add(address);
        }
    }

    private static VirtualAddress? Read(Statement line, ParseContext c)
    {
        if (!IpText.TryParsePrefix(line.Name, out var ip, out var prefix, out var badLength))
        {
            c.Error(line.Position, badLength ? DiagnosticCodes.InvalidPrefix : DiagnosticCodes.InvalidIpAddress,
                $"'{line.Name}' is not an address with an optional /prefix length (virtual_ipaddress)");
            return null;
        }

        var address = new VirtualAddress(ip, prefix) { Position = line.Position };
        for (var i = 0; i < line.Args.Count; i++)
        {
            var word = line.Args[i];
            if (Flags.Contains(word.Text))
            {
                address = word.Text switch
                {
                    "no_track" => address with { NoTrack = true },
                    "use_vmac" => address with { UseVmac = true },
                    _ => address,
                };
                continue;
            }

            if (!Valued.Contains(word.Text))
            {
                c.Error(word.Position, DiagnosticCodes.UnknownAddressOption, $"unknown virtual_ipaddress option '{word.Text}' (ignored)");
                i += SkipValue(line, i);
                continue;
            }

            if (c.Arg(line, ++i, $"a value after '{word.Text}'") is { } value)
                address = WithOption(address, word.Text, value, c);
        }

        return address;
    }

    // A misspelt option ("lable eth0:1") is usually followed by its value; one report is enough.
    private static int SkipValue(Statement line, int i) =>
        i + 1 < line.Args.Count && !Flags.Contains(line.Args[i + 1].Text) && !Valued.Contains(line.Args[i + 1].Text) ? 1 : 0;

    private static VirtualAddress WithOption(VirtualAddress a, string option, Token value, ParseContext c) => option switch
    {
        "brd" or "broadcast" => value.Text == "+" || value.Text == "-" ? a : a with { Broadcast = c.Ip(value, "brd") },
        "dev" => a with { Device = value.Text },
        "scope" => a with { Scope = value.Text },
        "label" => a with { Label = value.Text },
        "peer" => a with { Peer = c.Ip(value, "peer") },
        "preferred_lft" => a with { PreferredLifetime = Lifetime(value, c) ?? a.PreferredLifetime },
        _ => a,
    };

    /// <summary><c>forever</c> or a number of seconds, as ip-address(8) takes it.</summary>
    private static uint? Lifetime(Token value, ParseContext c)
    {
        if (value.Text == "forever")
            return uint.MaxValue;
        if (uint.TryParse(value.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds != uint.MaxValue)
            return seconds;
        c.Error(value.Position, DiagnosticCodes.InvalidNumber, $"preferred_lft '{value.Text}' is neither a number of seconds nor 'forever' (ignored)");
        return null;
    }
}
