namespace HaVip.Vrrp.Config.Syntax;

/// <summary>
/// Groups tokens into statements and blocks. A <c>{</c> opens the block of the statement before it,
/// whether on the same line or alone on the next line (the guide writes <c>vrrp_script name</c>
/// with its brace below, and keepalived accepts that).
/// </summary>
internal sealed class StatementReader(IReadOnlyList<Token> tokens, DiagnosticBag diagnostics)
{
    private int _next;

    public List<Statement> ReadAll()
    {
        var statements = new List<Statement>();
        while (_next < tokens.Count)
        {
            ReadBlockBody(statements, topLevel: true);
        }

        return statements;
    }

    /// <summary>Reads statements until the matching close brace (consumed; returns true) or end of input.</summary>
    private bool ReadBlockBody(List<Statement> into, bool topLevel)
    {
        while (_next < tokens.Count)
        {
            var t = tokens[_next];
            switch (t.Kind)
            {
                case TokenKind.EndOfLine:
                    _next++;
                    break;
                case TokenKind.CloseBrace:
                    _next++;
                    if (!topLevel)
                        return true;
                    diagnostics.Error(t.Position, DiagnosticCodes.UnexpectedCloseBrace, "'}' closes no block");
                    break;
                case TokenKind.OpenBrace:
                    _next++;
                    OpenBlock(into, t);
                    break;
                default:
                    into.Add(ReadStatement());
                    break;
            }
        }

        return false;
    }

    private void OpenBlock(List<Statement> siblings, Token brace)
    {
        var owner = siblings.Count > 0 && siblings[^1].Block is null ? siblings[^1] : null;
        if (owner is null)
        {
            diagnostics.Error(brace.Position, DiagnosticCodes.UnexpectedOpenBrace, "'{' does not follow a keyword that takes a block");
            ReadBlockBody([], topLevel: false);
            return;
        }

        owner.Block = [];
        if (!ReadBlockBody(owner.Block, topLevel: false))
            diagnostics.Error(owner.Position, DiagnosticCodes.UnclosedBlock, $"block '{owner.Name}' is not closed with '}}'");
    }

    private Statement ReadStatement()
    {
        var keyword = tokens[_next++];
        var args = new List<Token>();
        while (_next < tokens.Count && tokens[_next].IsWord)
            args.Add(tokens[_next++]);
        return new Statement(keyword, args);
    }
}
