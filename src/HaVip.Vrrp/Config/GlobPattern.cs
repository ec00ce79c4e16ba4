using System.Text;
using System.Text.RegularExpressions;

namespace HaVip.Vrrp.Config;

/// <summary>glob(3)-style matching of one path segment, as keepalived's <c>include</c> uses.</summary>
internal static class GlobPattern
{
    public static bool HasWildcard(string segment) => segment.IndexOfAny(['*', '?', '[']) >= 0;

    public static Regex ToRegex(string segment)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            switch (c)
            {
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '[':
                    var close = segment.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        sb.Append(@"\[");
                        break;
                    }

                    var set = segment[(i + 1)..close];
                    sb.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                    i = close;
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
