using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;

namespace HaVip.Domain.Resources;

public static class VpcRules
{
    /// <summary>VPC CIDRs are private-range prefixes between /8 and /28.</summary>
    public static Ipv4Cidr CheckCreate(string? name, string? cidr)
    {
        var errors = new ErrorCollector();
        NameRules.CheckName(name, errors);
        var prefix = CidrRules.Parse(cidr, errors, "cidr", minPrefix: 8, maxPrefix: 28);
        errors.ThrowIfAny();
        return prefix!.Value;
    }
}
