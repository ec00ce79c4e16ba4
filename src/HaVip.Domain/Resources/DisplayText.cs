namespace HaVip.Domain.Resources;

/// <summary>
/// Characters that make text display as something it is not: control characters (C0, DEL, C1),
/// the Unicode line and paragraph separators, and bidirectional-text controls (marks,
/// embeddings, overrides such as U+202E, isolates), which make a console show "evil" as "live"
/// or a log line start anew.
/// </summary>
public static class DisplayText
{
    public static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    /// <summary>The position of the first unsafe character, or -1.</summary>
    public static int IndexOfUnsafe(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
