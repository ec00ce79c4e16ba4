namespace HaVip.Vrrp.Config.Syntax;

/// <summary>
/// Reads a file and splices in every <c>include PATTERN</c> line, recursively. A relative pattern
/// is taken from the including file's directory (keepalived does the same), matches are read in
/// sorted order, and a pattern matching nothing is only a warning, as in keepalived.
/// </summary>
internal sealed class IncludeExpander(IConfigFileSource files, DiagnosticBag diagnostics)
{
    // keepalived has no documented limit; this only stops include cycles from looping forever.
    private const int MaxDepth = 16;

    public List<Token> ReadFile(string path, SourcePosition? includedFrom, int depth)
    {
        var text = files.ReadAllText(path);
        if (text is null)
        {
            diagnostics.Error(includedFrom ?? new SourcePosition(path, 0, 0), DiagnosticCodes.IncludeReadFailed,
                $"cannot read configuration file '{path}'");
            return [];
        }

        return Expand(Tokenizer.Tokenize(text, path, diagnostics), path, depth);
    }

    public List<Token> Expand(List<Token> tokens, string path, int depth)
    {
        var result = new List<Token>(tokens.Count);
        var lineStart = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (lineStart && t is { Kind: TokenKind.Word, Text: "include" })
            {
                i = IncludeLine(tokens, i, path, depth, result);
                continue;
            }

            result.Add(t);
            lineStart = t.Kind == TokenKind.EndOfLine;
        }

        return result;
    }

    private int IncludeLine(List<Token> tokens, int i, string path, int depth, List<Token> result)
    {
        var keyword = tokens[i];
        var end = i + 1;
        while (tokens[end].Kind != TokenKind.EndOfLine)
            end++;

        if (end == i + 1)
            diagnostics.Error(keyword.Position, DiagnosticCodes.IncludeMissingPattern, "include needs a file name or glob pattern");
        else if (depth >= MaxDepth)
            diagnostics.Error(keyword.Position, DiagnosticCodes.IncludeTooDeep, $"includes nested deeper than {MaxDepth} (an include cycle?)");
        else
            Include(tokens[i + 1], path, depth, result);

        return end - 1; // the end-of-line token is kept by the caller's next step
    }

    private void Include(Token pattern, string includer, int depth, List<Token> result)
    {
        var full = pattern.Text.StartsWith('/') ? pattern.Text : Combine(Path.GetDirectoryName(includer) ?? "", pattern.Text);
        var matches = files.Glob(full);
        if (matches.Count == 0)
        {
            diagnostics.Warning(pattern.Position, DiagnosticCodes.IncludeNoMatch, $"include '{pattern.Text}' matches no file");
            return;
        }

        foreach (var match in matches)
        {
            result.AddRange(ReadFile(match, pattern.Position, depth + 1));
            result.Add(new Token(TokenKind.EndOfLine, "", pattern.Position));
        }
    }

    private static string Combine(string dir, string name) => dir.Length == 0 ? name : dir + "/" + name;
}
