namespace HaVip.Vrrp.Config.Syntax;

/// <summary>A word, quoted string, brace or line end; quoted text is stored without its quotes.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position)
{
    public bool IsWord => Kind is TokenKind.Word or TokenKind.Quoted;

    public override string ToString() => Text;
}
