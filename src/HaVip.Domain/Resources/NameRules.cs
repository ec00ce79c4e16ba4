using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;

namespace HaVip.Domain.Resources;

/// <summary>Name and remark rules shared by every resource.</summary>
public static class NameRules
{
    public static void CheckName(string? name, ErrorCollector errors, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(ErrorCode.InvalidParameter, "name is required.", field);
        }
        else if (name.Length > HaVipLimits.MaxNameLength)
        {
            errors.Add(ErrorCode.InvalidParameter, $"name must be at most {HaVipLimits.MaxNameLength} characters (got {name.Length}).", field);
        }
        else
        {
            CheckCharacters(name, errors, field);
        }
    }

    public static void CheckRemark(string? remark, ErrorCollector errors, string field = "remark")
    {
        if (remark is { Length: > HaVipLimits.MaxRemarkLength })
        {
            errors.Add(ErrorCode.InvalidParameter, $"remark must be at most {HaVipLimits.MaxRemarkLength} characters (got {remark.Length}).", field);
        }
        else if (remark is not null)
        {
            CheckCharacters(remark, errors, field);
        }
    }

    /// <summary>Names and remarks are shown to people: no character that makes them display as something else (see <see cref="DisplayText"/>).</summary>
    public static void CheckCharacters(string text, ErrorCollector errors, string field)
    {
        var index = DisplayText.IndexOfUnsafe(text);
        if (index >= 0)
        {
            errors.Add(ErrorCode.InvalidCharacter,
                $"{field} must not contain control or bidirectional-text characters (U+{(int)text[index]:X4} at position {index}).", field);
        }
    }

    public static void CheckId(string? id, string prefix, ErrorCollector errors, string field)
    {
        if (!ResourceId.IsWellFormed(id, prefix))
        {
            errors.Add(ErrorCode.InvalidParameter, $"{field} must be an id like '{prefix}abcd1234'.", field);
        }
    }
}
