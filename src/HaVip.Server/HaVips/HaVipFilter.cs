using HaVip.Domain.HaVips;
using HaVip.Domain.Health;

namespace HaVip.Server.HaVips;

/// <summary>List filters; <see cref="Name"/> matches a case-insensitive substring.</summary>
public sealed record HaVipFilter(
    string? VpcId = null, string? SubnetId = null, HaVipStatus? Status = null, string? InstanceId = null, string? Name = null, HealthFilter? Health = null);

/// <summary>HAVIPs with this finding open, or (<paramref name="Finding"/> null) with none: the leader's stored findings.</summary>
public sealed record HealthFilter(FindingCode? Finding);
