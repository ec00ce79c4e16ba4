using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Resources;

namespace HaVip.Server.Console.Data;

/// <summary>
/// One line of the VIP list. Only scalar fields; <see cref="Shows"/> tells two loads of an unchanged
/// row apart from a changed one, so the list re-renders only when something changed. <paramref name="Health"/> is
/// <c>ok</c> or the open findings' names (<c>split-brain no-master</c>), <paramref name="HealthTitle"/>
/// their explanations, one a line.
/// </summary>
public sealed record VipRow(
    string Id, string Name, string Remark, string IpAddress, SubnetType Type, string SubnetId, string SubnetName,
    HaVipStatus Status, string? StatusReason, string InstanceIds, string Instances, string? MasterInstanceId, string? Master,
    string Health = FindingNames.Ok, string? HealthTitle = null)
{
    public IReadOnlyList<string> InstanceIdList => InstanceIds.Length == 0 ? [] : InstanceIds.Split(',');

    /// <summary>
    /// Two rows are the same row when they show the same HAVIP. MudTable keys its rows by item: a
    /// row equal across reloads keeps its elements while its content changes, so a click in flight
    /// still lands on the button it aimed at (with value equality a changed row was replaced).
    /// </summary>
    public bool Equals(VipRow? other) => other is not null && Id == other.Id;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

    /// <summary>Whether <paramref name="other"/> shows exactly what this row shows: a reload that changes nothing is not worth a render.</summary>
    public bool Shows(VipRow other) =>
        Equals(other) && Name == other.Name && Remark == other.Remark && IpAddress == other.IpAddress && Type == other.Type
        && SubnetId == other.SubnetId && SubnetName == other.SubnetName && Status == other.Status && StatusReason == other.StatusReason
        && InstanceIds == other.InstanceIds && Instances == other.Instances && MasterInstanceId == other.MasterInstanceId
        && Master == other.Master && Health == other.Health && HealthTitle == other.HealthTitle;
}
