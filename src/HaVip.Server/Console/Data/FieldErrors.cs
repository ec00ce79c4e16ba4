using HaVip.Domain.Errors;

namespace HaVip.Server.Console.Data;

/// <summary>
/// A refused request's errors, keyed by the field they concern, so that a form shows each one
/// next to its input. "instanceIds[1]" belongs to "instanceIds". Errors of fields the form does
/// not show end up in <see cref="Other"/>.
/// </summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);
    private readonly List<string> _other = [];

    public bool Any => _byField.Count > 0 || _other.Count > 0;

    public IReadOnlyList<string> Other => _other;

    public string? this[string field] => _byField.GetValueOrDefault(field);

    public bool Has(string field) => _byField.ContainsKey(field);

    public void Clear()
    {
        _byField.Clear();
        _other.Clear();
    }

    public void Clear(string field) => _byField.Remove(field);

    public void Set(string field, string message) => _byField[field] = message;

    /// <summary>Replaces the errors with those of <paramref name="refused"/>.</summary>
    public void From(DomainException refused, IReadOnlyCollection<string> shownFields)
    {
        Clear();
        foreach (var error in refused.Errors)
        {
            var field = error.Field is null ? null : Root(error.Field);
            if (field is not null && shownFields.Contains(field))
            {
                _byField[field] = _byField.TryGetValue(field, out var first) ? first + " " + error.Message : error.Message;
            }
            else
            {
                _other.Add(error.Message);
            }
        }
    }

    private static string Root(string field)
    {
        var cut = field.IndexOfAny(['[', '.']);
        return cut < 0 ? field : field[..cut];
    }
}
