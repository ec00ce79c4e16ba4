namespace HaVip.Vrrp.Config;

/// <summary>
/// glob(3)-style matching of one path segment, as keepalived's <c>include</c> uses: <c>*</c>,
/// <c>?</c>, <c>[set]</c> with ranges and <c>!</c> or <c>^</c> negation; an unclosed <c>[</c> is
/// itself. Matched by hand rather than through a regular expression: the regex engine would be
/// a large share of havipd's Native AOT executable, which is resident almost whole.
/// </summary>
internal static class GlobPattern
{
    public static bool HasWildcard(string segment) => segment.IndexOfAny(['*', '?', '[']) >= 0;

    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        // Classic backtracking over the last '*' (which, as glob's, never takes a '/'): linear for
        // the patterns include files use.
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (p < pattern.Length && Single(pattern, ref p, name[n]))
            {
                n++;
            }
            else if (star >= 0 && name[resume] != '/')
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    /// <summary>Whether the element at <paramref name="p"/> matches <paramref name="c"/>; moves past it when it does.</summary>
    private static bool Single(ReadOnlySpan<char> pattern, ref int p, char c)
    {
        if (c == '/')
            return false;
        var at = pattern[p];
        if (at == '?')
        {
            p++;
            return true;
        }

        if (at == '[' && pattern[(p + 1)..].IndexOf(']') is var close and >= 0)
        {
            var set = pattern.Slice(p + 1, close);
            if (!InSet(set, c))
                return false;
            p += close + 2;
            return true;
        }

        if (at != c)
            return false;
        p++;
        return true;
    }

    private static bool InSet(ReadOnlySpan<char> set, char c)
    {
        var negate = set.Length > 0 && set[0] is '!' or '^';
        if (negate)
            set = set[1..];
        var found = false;
        for (var i = 0; i < set.Length && !found; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                found = c >= set[i] && c <= set[i + 2];
                i += 2;
            }
            else
            {
                found = c == set[i];
            }
        }

        return found != negate;
    }
}
