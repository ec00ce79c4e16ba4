using HaVip.Vrrp.Config.Parsing;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config;

/// <summary>
/// Parses keepalived.conf (the subset havipd implements; other real keywords warn). Problems are
/// reported all together with file:line:column; parsing always produces a model.
/// </summary>
public sealed class KeepalivedConfigParser(IConfigFileSource files)
{
    public KeepalivedConfigParser()
        : this(new PhysicalConfigFileSource())
    {
    }

    /// <summary>Parses the file at <paramref name="path"/>; includes are resolved from its directory.</summary>
    public ConfigParseResult ParseFile(string path)
    {
        var diagnostics = new DiagnosticBag();
        var tokens = new IncludeExpander(files, diagnostics).ReadFile(path, null, 0);
        return Build(tokens, diagnostics);
    }

    /// <summary>Parses text as if read from <paramref name="fileName"/> (used for positions and includes).</summary>
    public ConfigParseResult ParseText(string text, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        var tokens = new IncludeExpander(files, diagnostics).Expand(Tokenizer.Tokenize(text, fileName, diagnostics), fileName, 0);
        return Build(tokens, diagnostics);
    }

    private static ConfigParseResult Build(List<Token> tokens, DiagnosticBag diagnostics)
    {
        var statements = new StatementReader(tokens, diagnostics).ReadAll();
        var context = new ParseContext(diagnostics);
        var config = new KeepalivedConfig();
        TopLevelKeywords.Table.Apply(statements, config, context);
        InstanceValidator.Complete(config, context);
        var ordered = diagnostics.Items
            .Select((d, index) => (d, index))
            .OrderBy(x => x.d.Position.File, StringComparer.Ordinal)
            .ThenBy(x => x.d.Position.Line)
            .ThenBy(x => x.d.Position.Column)
            .ThenBy(x => x.index)
            .Select(x => x.d)
            .ToList();
        return new ConfigParseResult(config, ordered);
    }
}
