namespace HaVip.Domain.HaVips;

public enum HaVipStatus
{
    /// <summary>Created or changed; hosts have not all applied it yet.</summary>
    Creating,

    Available,

    /// <summary>A host reported an error for it, or it was not applied within the deadline.</summary>
    Failed,

    /// <summary>Delete requested; hosts still have to remove it.</summary>
    Deleting,
}
