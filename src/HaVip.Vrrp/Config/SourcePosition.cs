namespace HaVip.Vrrp.Config;

/// <summary>Where a token starts: file as resolved by the parser, 1-based line and column.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
