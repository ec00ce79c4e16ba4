using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Resources;

namespace HaVip.Server.Console.Data;

/// <summary>
/// One line of the VIP list. Only scalar fields, so two loads of an unchanged page compare equal
/// and the list re-renders only when something changed. <paramref name="Health"/> is
/// <c>ok</c> or the open findings' names (<c>split-brain no-master</c>), <paramref name="HealthTitle"/>
/// their explanations, one a line.
/// </summary>
public sealed record VipRow(
    string Id, string Name, string Remark, string IpAddress, SubnetType Type, string SubnetId, string SubnetName,
    HaVipStatus Status, string? StatusReason, string InstanceIds, string Instances, string? MasterInstanceId, string? Master,
    string Health = FindingNames.Ok, string? HealthTitle = null)
{
    public IReadOnlyList<string> InstanceIdList => InstanceIds.Length == 0 ? [] : InstanceIds.Split(',');
}
