namespace HaVip.Vrrp.Config.Syntax;

/// <summary>One configuration line: a keyword, its arguments, and the block that follows it, if any.</summary>
internal sealed class Statement(Token keyword, IReadOnlyList<Token> args)
{
    public Token Keyword { get; } = keyword;

    public IReadOnlyList<Token> Args { get; } = args;

    /// <summary>Null when no <c>{ }</c> follows the line.</summary>
    public List<Statement>? Block { get; set; }

    public SourcePosition Position => Keyword.Position;

    public string Name => Keyword.Text;
}
