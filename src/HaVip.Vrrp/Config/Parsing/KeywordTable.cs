using System.Collections.Frozen;
using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// The keywords of one block, one small handler each (DESIGN principle 8). Unknown keywords are
/// warned about and skipped, as keepalived does, so one typo never hides the rest of the file.
/// </summary>
internal sealed class KeywordTable<T>(string blockName, IEnumerable<KeyValuePair<string, KeywordHandler<T>>> handlers)
{
    private readonly FrozenDictionary<string, KeywordHandler<T>> _handlers = handlers.ToFrozenDictionary(StringComparer.Ordinal);

    public IEnumerable<string> Keywords => _handlers.Keys;

    public void Apply(IEnumerable<Statement> statements, T target, ParseContext context)
    {
        foreach (var statement in statements)
        {
            if (_handlers.TryGetValue(statement.Name, out var handler))
            {
                handler(statement, target, context);
            }
            else
            {
                context.Warning(statement.Position, DiagnosticCodes.UnknownKeyword,
                    $"unknown keyword '{statement.Name}' in {blockName} (ignored)");
            }
        }
    }
}
