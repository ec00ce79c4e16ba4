namespace HaVip.Vrrp.Config.Syntax;

/// <summary>
/// Reads a file and splices in every <c>include PATTERN</c> line, recursively. A relative pattern
/// is taken from the including file's directory (keepalived does the same), matches are read in
/// sorted order. A pattern matching nothing is only a remark for <c>include</c> and <c>includer</c>
/// (keepalived prints "Config files missing" and goes on) and an error for the checking variants
/// <c>includem</c>, <c>includew</c>, <c>includeb</c> and <c>includea</c> (keepalived refuses).
/// </summary>
internal sealed class IncludeExpander(IConfigFileSource files, DiagnosticBag diagnostics)
{
    // keepalived has no documented limit; this only stops include cycles from looping forever.
    private const int MaxDepth = 16;

    private static readonly HashSet<string> Lenient = ["include", "includer"];

    private static readonly HashSet<string> Strict = ["includem", "includew", "includeb", "includea"];

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
            if (lineStart && t.Kind == TokenKind.Word && (Lenient.Contains(t.Text) || Strict.Contains(t.Text)))
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
            Include(keyword.Text, tokens[i + 1], path, depth, result);

        return end - 1; // the end-of-line token is kept by the caller's next step
    }

    private void Include(string keyword, Token pattern, string includer, int depth, List<Token> result)
    {
        var full = pattern.Text.StartsWith('/') ? pattern.Text : Combine(Path.GetDirectoryName(includer) ?? "", pattern.Text);
        var matches = files.Glob(full);
        if (matches.Count == 0)
        {
            var message = $"{keyword} '{pattern.Text}' matches no file";
            if (Strict.Contains(keyword))
                diagnostics.Error(pattern.Position, DiagnosticCodes.IncludeNoMatch, message);
            else
                diagnostics.Note(pattern.Position, DiagnosticCodes.IncludeNoMatch, message);
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
