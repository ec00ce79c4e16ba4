using HaVip.Contracts.Api;
using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using HaVip.Server.Http;

namespace HaVip.Server.HaVips;

/// <summary>
/// What a reader is shown of a HAVIP, and all of it: its wire form, its ETag, and what the cluster
/// health rules read. Made from the aggregate (<see cref="Of"/>) or straight from stored columns
/// (<see cref="HaVipReads"/>' prepared read on SQLite); both paths map to the wire here, once.
/// </summary>
public sealed record HaVipReading(
    string Id,
    string Name,
    string Remark,
    SubnetType Type,
    string VpcId,
    string SubnetId,
    string IpAddress,
    HaVipStatus Status,
    string? StatusReason,
    string? MasterInstanceId,
    int VirtualRouterId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version,
    IReadOnlyList<HaVipBinding> Bindings)
{
    public static HaVipReading Of(HighAvailabilityVip vip) => new(
        vip.Id, vip.Name, vip.Remark, vip.Type, vip.VpcId, vip.SubnetId, vip.IpAddress, vip.Status, vip.StatusReason,
        vip.MasterInstanceId, vip.VirtualRouterId, vip.CreatedAt, vip.UpdatedAt, vip.Version, vip.Bindings);

    public IReadOnlyList<string> InstanceIds => HaVipBinding.InstanceIdsInOrder(Bindings);

    public HaVipDto ToDto() => new(
        Id, Name, Remark, Type.ToWire(), VpcId, SubnetId, IpAddress, Status.ToWire(), StatusReason,
        InstanceIds, MasterInstanceId, CreatedAt, UpdatedAt, IpVersion: HighAvailabilityVip.FamilyOf(IpAddress).ToWire());
}
