using HaVip.Domain.Resources;

namespace HaVip.Domain.HaVips;

/// <summary>What a new HAVIP is made of, once its address and VRRP router id are allocated.</summary>
public sealed record NewHaVip(Subnet Subnet, string Name, string? Remark, string IpAddress, int VirtualRouterId, string AuthPass, IReadOnlyList<string> InstanceIds);
