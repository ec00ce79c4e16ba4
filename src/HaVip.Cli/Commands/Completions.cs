using System.CommandLine;

namespace HaVip.Cli.Commands;

/// <summary>Enum values as the API spells them: completion would otherwise offer "Available" for a lowercase API.</summary>
internal static class Completions
{
    public static Option<T> Lowercase<T>(this Option<T> option, Type enumType)
    {
        var names = Enum.GetNames(enumType).Select(n => n.ToLowerInvariant()).ToArray();
        option.CompletionSources.Clear();
        option.CompletionSources.Add(names);
        return option;
    }
}
