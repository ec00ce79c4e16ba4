using HaVip.Domain.HaVips;

namespace HaVip.Server.HaVips;

/// <summary>List filters; <see cref="Name"/> matches a case-insensitive substring.</summary>
public sealed record HaVipFilter(string? VpcId = null, string? SubnetId = null, HaVipStatus? Status = null, string? InstanceId = null, string? Name = null);
