namespace HaVip.Server.HaVips;

/// <summary>
/// The HAVIP a change is aimed at, optionally only at the version the caller read (HTTP If-Match).
/// A plain id converts implicitly: callers without a precondition just pass the id.
/// </summary>
public readonly record struct HaVipTarget(string Id, long? IfMatch = null)
{
    public static implicit operator HaVipTarget(string id) => new(id);

    public override string ToString() => Id;
}
