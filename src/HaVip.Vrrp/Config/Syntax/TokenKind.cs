namespace HaVip.Vrrp.Config.Syntax;

internal enum TokenKind
{
    Word,
    Quoted,
    OpenBrace,
    CloseBrace,
    EndOfLine,
}
