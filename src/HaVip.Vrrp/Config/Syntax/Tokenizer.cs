namespace HaVip.Vrrp.Config.Syntax;

/// <summary>
/// Splits one file into tokens. keepalived's grammar is line oriented: a statement is a line,
/// <c>!</c> or <c>#</c> at the start of a word comments out the rest of the line, double quotes
/// keep spaces and comment characters, and braces are tokens of their own.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text, string file, DiagnosticBag diagnostics)
    {
        var tokens = new List<Token>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            TokenizeLine(line, file, i + 1, tokens, diagnostics);
            tokens.Add(new Token(TokenKind.EndOfLine, "", new SourcePosition(file, i + 1, line.Length + 1)));
        }

        return tokens;
    }

    private static void TokenizeLine(string line, string file, int lineNo, List<Token> tokens, DiagnosticBag diagnostics)
    {
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var at = new SourcePosition(file, lineNo, i + 1);
            if (c is '!' or '#')
                return;
            if (c is '{' or '}')
            {
                tokens.Add(new Token(c == '{' ? TokenKind.OpenBrace : TokenKind.CloseBrace, c.ToString(), at));
                i++;
                continue;
            }

            i = c == '"' ? ReadQuoted(line, i, at, tokens, diagnostics) : ReadWord(line, i, at, tokens);
        }
    }

    private static int ReadQuoted(string line, int start, SourcePosition at, List<Token> tokens, DiagnosticBag diagnostics)
    {
        var end = line.IndexOf('"', start + 1);
        if (end < 0)
        {
            diagnostics.Error(at, DiagnosticCodes.UnterminatedString, "string has no closing double quote");
            tokens.Add(new Token(TokenKind.Quoted, line[(start + 1)..], at));
            return line.Length;
        }

        tokens.Add(new Token(TokenKind.Quoted, line[(start + 1)..end], at));
        return end + 1;
    }

    private static int ReadWord(string line, int start, SourcePosition at, List<Token> tokens)
    {
        var i = start;
        while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] is not ('{' or '}'))
            i++;
        tokens.Add(new Token(TokenKind.Word, line[start..i], at));
        return i;
    }
}
