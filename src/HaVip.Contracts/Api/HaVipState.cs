namespace HaVip.Contracts.Api;

public enum HaVipState
{
    Creating,
    Available,
    Failed,
    Deleting,
}
