namespace HaVip.Domain.Resources;

public enum SubnetType
{
    /// <summary>A subnet whose CIDR lies inside the VPC's.</summary>
    Internal,

    /// <summary>The external network attached to the VPC; any CIDR.</summary>
    External,
}
