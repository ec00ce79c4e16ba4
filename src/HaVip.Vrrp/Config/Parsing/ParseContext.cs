using System.Globalization;
using System.Net;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Diagnostics plus the value readers every keyword handler shares.</summary>
internal sealed class ParseContext(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>keepalived's preference for the next IPv4 rule written without one (vrrp_iprule.c: 16384 down, per file).</summary>
    public uint NextRulePriority { get; set; } = 16384;

    /// <summary>The same for IPv6 rules: keepalived counts each family down from 16384 on its own.</summary>
    public uint NextIpv6RulePriority { get; set; } = 16384;

    public void Error(SourcePosition at, string code, string message) => Diagnostics.Error(at, code, message);

    public void Warning(SourcePosition at, string code, string message) => Diagnostics.Warning(at, code, message);

    public void Note(SourcePosition at, string code, string message) => Diagnostics.Note(at, code, message);

    /// <summary>A real keepalived keyword havipd runs differently: a located note saying what havipd does instead.</summary>
    public void Unsupported(Statement s, string instead) =>
        Note(s.Position, DiagnosticCodes.NotSupported, $"'{s.Name}' is not supported by havipd: {instead}");

    /// <summary>The argument at <paramref name="index"/>, or an error naming what was expected.</summary>
    public Token? Arg(Statement s, int index, string what)
    {
        if (index < s.Args.Count)
            return s.Args[index];
        Error(s.Position, DiagnosticCodes.MissingArgument, $"'{s.Name}' needs {what}");
        return null;
    }

    /// <summary>A keyword taking exactly <paramref name="count"/> arguments and no block.</summary>
    public void Simple(Statement s, int count)
    {
        if (s.Args.Count > count)
            Warning(s.Args[count].Position, DiagnosticCodes.ExtraArgument, $"'{s.Name}' ignores extra argument '{s.Args[count].Text}'");
        if (s.Block is not null)
            Warning(s.Position, DiagnosticCodes.UnexpectedBlock, $"'{s.Name}' takes no block (ignored)");
    }

    public List<Statement>? Block(Statement s)
    {
        if (s.Block is null)
            Error(s.Position, DiagnosticCodes.BlockExpected, $"'{s.Name}' needs a block in braces");
        return s.Block;
    }

    public int? Integer(Statement s, int index, long min, long max, string code = DiagnosticCodes.InvalidNumber)
    {
        var t = Arg(s, index, $"an integer from {min} to {max}");
        if (t is null)
            return null;
        if (long.TryParse(t.Value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return (int)v;
        Error(t.Value.Position, code, $"'{s.Name}' value '{t.Value.Text}' is not an integer from {min} to {max}");
        return null;
    }

    /// <summary>Seconds with at most <paramref name="decimals"/> fraction digits, as keepalived's decimal readers allow.</summary>
    public TimeSpan? Seconds(Statement s, int index, decimal min, decimal max, int decimals, string code = DiagnosticCodes.InvalidNumber)
    {
        var t = Arg(s, index, "a number of seconds");
        if (t is null)
            return null;
        if (TryDecimal(t.Value.Text, decimals, out var v) && v >= min && v <= max)
            return TimeSpan.FromTicks((long)(v * TimeSpan.TicksPerSecond));
        Error(t.Value.Position, code, $"'{s.Name}' value '{t.Value.Text}' is not a number of seconds from {min} to {max} with at most {decimals} decimals");
        return null;
    }

    public static bool TryDecimal(string text, int decimals, out decimal value)
    {
        value = 0;
        var dot = text.IndexOf('.');
        if (dot >= 0 && text.Length - dot - 1 > decimals)
            return false;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public IPAddress? Ip(Token t, string what)
    {
        if (IpText.TryParse(t.Text, out var ip))
            return ip;
        Error(t.Position, DiagnosticCodes.InvalidIpAddress, $"'{t.Text}' is not an IP address ({what})");
        return null;
    }

    /// <summary>The rest of the line as one command, as keepalived's notify and script keywords take it.</summary>
    public string? Command(Statement s)
    {
        if (Arg(s, 0, "a command") is null)
            return null;
        return string.Join(' ', s.Args.Select(a => a.Kind == TokenKind.Quoted && s.Args.Count > 1 ? $"\"{a.Text}\"" : a.Text));
    }

    /// <summary>An optional trailing on/off word; keepalived treats a bare keyword as "on".</summary>
    public bool Flag(Statement s)
    {
        Simple(s, 1);
        if (s.Args.Count == 0)
            return true;
        var text = s.Args[0].Text.ToLowerInvariant();
        if (text is "true" or "on" or "yes")
            return true;
        if (text is "false" or "off" or "no")
            return false;
        Error(s.Args[0].Position, DiagnosticCodes.InvalidNumber, $"'{s.Name}' takes true or false, not '{s.Args[0].Text}'");
        return true;
    }
}
