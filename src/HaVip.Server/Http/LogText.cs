using System.Globalization;
using System.Text;
using HaVip.Domain.Resources;

namespace HaVip.Server.Http;

/// <summary>
/// What a log line quotes from a request (a path, a query value, a reason built from input) is
/// escaped here, once: a CR, LF or other line or control character from a caller must not
/// start a line of its own and forge an entry.
/// </summary>
public static class LogText
{
    public const int DefaultMaxLength = 512;

    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var cut = text.Length > maxLength;
        var span = cut ? text.AsSpan(0, maxLength) : text.AsSpan();
        if (DisplayText.IndexOfUnsafe(span) < 0)
        {
            return cut ? string.Concat(span, "…") : text;
        }
        var escaped = new StringBuilder(span.Length + 16);
        foreach (var c in span)
        {
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                _ when DisplayText.IsUnsafe(c) => escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }
        return cut ? escaped.Append('…').ToString() : escaped.ToString();
    }
}
