namespace HaVip.Vrrp.Config;

/// <summary>Where configuration text comes from, so tests and tools can parse without a disk.</summary>
public interface IConfigFileSource
{
    /// <summary>The file's text, or null when it cannot be read.</summary>
    string? ReadAllText(string path);

    /// <summary>Files matching a glob (<c>*</c>, <c>?</c>, <c>[...]</c> in any segment), in ordinal order.</summary>
    IReadOnlyList<string> Glob(string pattern);
}
