namespace HaVip.Domain.HaVips;

/// <summary>The quotas of the user guide, section 15.2.</summary>
public static class HaVipLimits
{
    public const int MaxInstancesPerHaVip = 3;
    public const int MaxHaVipsPerInstance = 5;
    public const int MaxNameLength = 128;
    public const int MaxRemarkLength = 256;
    public const int MaxVirtualRouterId = 255;
}
