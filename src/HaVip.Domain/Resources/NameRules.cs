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
        else if (name.Any(char.IsControl))
        {
            errors.Add(ErrorCode.InvalidParameter, "name must not contain control characters.", field);
        }
    }

    public static void CheckRemark(string? remark, ErrorCollector errors, string field = "remark")
    {
        if (remark is { Length: > HaVipLimits.MaxRemarkLength })
        {
            errors.Add(ErrorCode.InvalidParameter, $"remark must be at most {HaVipLimits.MaxRemarkLength} characters (got {remark.Length}).", field);
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
