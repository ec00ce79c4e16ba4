using System.Net;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// <c>virtual_routes { [src X] [to] [TYPE] DST[/LEN] [via|gw X] [dev X] [metric N] [table T] ... }</c>.
/// Like keepalived's alloc_route, a word that is neither a keyword nor an address is an
/// "unknown route keyword" and the whole route is dropped; the guide's example trips on this.
/// Multipath: <c>nexthop via X [dev Y] [weight N] [onlink]</c> hops, or keepalived's deprecated
/// <c>GW [dev Y] or GW2 [dev Z]</c>, which it accepts with a warning (so do we).
/// </summary>
internal static class VirtualRouteReader
{
    private static readonly HashSet<string> Types =
        ["unicast", "local", "broadcast", "multicast", "throw", "unreachable", "prohibit", "blackhole", "nat"];

    private static readonly HashSet<string> Flags = ["onlink", "no_track", "to"];

    private static readonly HashSet<string> Ignored = ["proto", "protocol", "tos", "dsfield", "realms", "mtu", "advmss", "pref", "expires"];

    public static void ReadBlock(Statement s, VrrpInstanceConfig instance, ParseContext c)
    {
        foreach (var line in c.Block(s) ?? [])
        {
            if (Read(line, c) is { } route)
                instance.RouteList.Add(route);
        }
    }

    private static VirtualRoute? Read(Statement line, ParseContext c)
    {
        var words = new List<Token> { line.Keyword };
        words.AddRange(line.Args);
        var draft = new RouteDraft();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (draft.Hops.Read(words, ref i, c))
                continue;
            if (word.Text == "or")
                c.Warning(word.Position, DiagnosticCodes.RouteOrDeprecated, "\"or\" for routes is deprecated: write \"nexthop\" (keepalived says the same)");
            if (word.Text is "or" or "nexthop")
            {
                draft.Hops.Start(word.Text == "or", draft.FirstHop());
                continue;
            }

            if (Flags.Contains(word.Text))
                continue;
            if (Types.Contains(word.Text))
            {
                draft.Type = word.Text;
            }
            else if (draft.IsValued(word.Text))
            {
                i = draft.Set(words, i, c);
            }
            else if (Ignored.Contains(word.Text))
            {
                i++;
            }
            else if (!draft.TryDestination(word))
            {
                c.Error(word.Position, DiagnosticCodes.UnknownRouteKeyword,
                    $"unknown route keyword '{word.Text}': keepalived drops this route (write comments after '#' or '!')");
                return null;
            }
        }

        return draft.Build(line, c);
    }

    private sealed class RouteDraft
    {
        private static readonly HashSet<string> ValuedWords = ["src", "via", "gw", "dev", "oif", "metric", "table", "scope"];

        public string? Type { get; set; }

        public NextHopReader Hops { get; } = new();

        public NextHop FirstHop() => new(_gateway, _device);

        private IPAddress? _destination;
        private int _prefix;
        private IPAddress? _gateway;
        private IPAddress? _source;
        private string? _device;
        private int? _metric;
        private string? _table;
        private string? _scope;
        private bool _failed;

        public bool IsValued(string word) => ValuedWords.Contains(word);

        public bool TryDestination(Token word)
        {
            if (word.Text == "default")
                return Destination(IPAddress.Any, 0);
            return IpText.TryParsePrefix(word.Text, out var ip, out var prefix, out _) && Destination(ip, prefix);
        }

        private bool Destination(IPAddress ip, int prefix)
        {
            (_destination, _prefix) = (ip, prefix);
            return true;
        }

        public int Set(List<Token> words, int i, ParseContext c)
        {
            var key = words[i];
            if (i + 1 >= words.Count)
            {
                c.Error(key.Position, DiagnosticCodes.MissingArgument, $"route option '{key.Text}' needs a value");
                _failed = true;
                return i;
            }

            var value = words[i + 1];
            switch (key.Text)
            {
                case "src": _source = Ip(value, c); break;
                case "via" or "gw": _gateway = Ip(value, c); break;
                case "dev" or "oif": _device = value.Text; break;
                case "table": _table = value.Text; break;
                case "scope": _scope = value.Text; break;
                default: _metric = Metric(value, c); break;
            }

            return i + 1;
        }

        private IPAddress? Ip(Token value, ParseContext c)
        {
            var ip = c.Ip(value, "virtual_routes");
            _failed |= ip is null;
            return ip;
        }

        private int? Metric(Token value, ParseContext c)
        {
            if (uint.TryParse(value.Text, out var m) && m <= int.MaxValue)
                return (int)m;
            c.Error(value.Position, DiagnosticCodes.InvalidNumber, $"route metric '{value.Text}' is not a number");
            _failed = true;
            return null;
        }

        public VirtualRoute? Build(Statement line, ParseContext c)
        {
            if (_failed || Hops.Failed)
                return null;
            if (_destination is null)
            {
                c.Error(line.Position, DiagnosticCodes.MissingArgument, "route has no destination");
                return null;
            }

            var hops = Hops.Finish();
            if (_device is null)
                c.Warning(line.Position, DiagnosticCodes.RouteNotTracked, $"route {_destination}/{_prefix} has no dev: keepalived cannot track it (it says so); havipd installs it all the same");
            return new VirtualRoute(_destination, _prefix)
            {
                Gateway = _gateway,
                Source = _source,
                Device = _device,
                Metric = _metric,
                Table = _table,
                Scope = _scope,
                Type = Type,
                NextHops = hops,
                Position = line.Position,
            };
        }
    }
}
