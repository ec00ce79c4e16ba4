using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary><c>authentication { auth_type PASS|AH  auth_pass SECRET }</c>.</summary>
internal static class AuthenticationBlock
{
    // VRRPv2's authentication data field is 8 bytes (RFC 3768 section 5.3.10); keepalived truncates.
    private const int MaxPassLength = 8;

    private sealed class Draft
    {
        public AuthType? Type { get; set; }

        public string? Password { get; set; }
    }

    private static readonly KeywordTable<Draft> Table = new("authentication",
    [
        new("auth_type", Type),
        new("auth_pass", Pass),
    ]);

    public static void Read(Statement s, VrrpInstanceConfig instance, ParseContext c)
    {
        if (c.Block(s) is not { } block)
            return;
        var draft = new Draft();
        Table.Apply(block, draft, c);
        if (draft.Type is null)
            c.Error(s.Position, DiagnosticCodes.MissingArgument, "authentication needs auth_type PASS or AH");
        else
            instance.Authentication = new VrrpAuthentication(draft.Type.Value, draft.Password ?? "");
    }

    private static void Type(Statement s, Draft d, ParseContext c)
    {
        c.Simple(s, 1);
        var t = c.Arg(s, 0, "PASS or AH");
        if (t?.Text == "PASS")
            d.Type = AuthType.Pass;
        else if (t?.Text == "AH")
            d.Type = AuthType.Ah;
        else if (t is not null)
            c.Error(t.Value.Position, DiagnosticCodes.InvalidAuthType, $"auth_type '{t.Value.Text}' is neither PASS nor AH");
    }

    private static void Pass(Statement s, Draft d, ParseContext c)
    {
        c.Simple(s, 1);
        if (c.Arg(s, 0, "a password") is not { } t)
            return;
        d.Password = t.Text;
        if (t.Text.Length > MaxPassLength)
        {
            c.Warning(t.Position, DiagnosticCodes.AuthPassTruncated, $"auth_pass is longer than {MaxPassLength} characters; only '{t.Text[..MaxPassLength]}' is used");
            d.Password = t.Text[..MaxPassLength];
        }
    }
}
