using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>The hops of a multipath route, read word by word once <c>nexthop</c> or <c>or</c> was seen.</summary>
internal sealed class NextHopReader
{
    private readonly List<NextHop> _hops = [];
    private NextHop? _current;
    private bool _bareGateway;

    public bool Failed { get; private set; }

    /// <summary>
    /// Starts a hop. After <c>or</c> the route's own gateway and device were the first hop, and the
    /// next hop's gateway is written bare (<c>or 10.0.0.3</c>).
    /// </summary>
    public void Start(bool or, NextHop routeHop)
    {
        if (_current is { } done)
            _hops.Add(done);
        else if (or)
            _hops.Add(routeHop);
        _current = new NextHop(null, null);
        _bareGateway = or;
    }

    /// <summary>Consumes a hop word (and its value); false when the word is not part of a hop.</summary>
    public bool Read(List<Token> words, ref int i, ParseContext c)
    {
        if (_current is not { } hop)
            return false;
        var word = words[i];
        if (word.Text == "onlink")
        {
            _current = hop with { OnLink = true };
            return true;
        }

        if (_bareGateway && IpText.TryParse(word.Text, out var bare))
        {
            (_current, _bareGateway) = (hop with { Gateway = bare }, false);
            return true;
        }

        if (word.Text is not ("via" or "gw" or "dev" or "weight"))
            return false;
        if (i + 1 >= words.Count)
        {
            c.Error(word.Position, DiagnosticCodes.MissingArgument, $"nexthop option '{word.Text}' needs a value");
            Failed = true;
            return true;
        }

        _current = Set(hop, word, words[++i], c);
        return true;
    }

    private NextHop Set(NextHop hop, Token key, Token value, ParseContext c)
    {
        switch (key.Text)
        {
            case "dev":
                return hop with { Device = value.Text };
            case "weight" when int.TryParse(value.Text, out var w) && w is >= 1 and <= 256:
                return hop with { Weight = w };
            case "weight":
                c.Error(value.Position, DiagnosticCodes.InvalidWeight, $"nexthop weight '{value.Text}' is not an integer from 1 to 256");
                Failed = true;
                return hop;
            default:
                var ip = c.Ip(value, "nexthop");
                Failed |= ip is null;
                return hop with { Gateway = ip };
        }
    }

    public List<NextHop> Finish()
    {
        if (_current is { } last)
            _hops.Add(last);
        _current = null;
        return _hops;
    }
}
