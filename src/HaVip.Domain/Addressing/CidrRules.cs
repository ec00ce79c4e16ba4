using HaVip.Domain.Errors;

namespace HaVip.Domain.Addressing;

public static class CidrRules
{
    public static Ipv4Cidr? Parse(string? text, ErrorCollector errors, string field, int minPrefix, int maxPrefix)
    {
        if (!Ipv4Cidr.TryParse(text, out var cidr, out var problem))
        {
            errors.Add(ErrorCode.InvalidParameter, $"{field} '{text}' {problem}.", field);
            return null;
        }
        if (cidr.PrefixLength < minPrefix || cidr.PrefixLength > maxPrefix)
        {
            errors.Add(ErrorCode.InvalidParameter, $"{field} prefix length must be between /{minPrefix} and /{maxPrefix} (got /{cidr.PrefixLength}).", field);
            return null;
        }
        return cidr;
    }
}
