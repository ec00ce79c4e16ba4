using HaVip.Domain.Addressing;
using HaVip.Domain.Resources;

namespace HaVip.Server.HaVips;

public sealed record CreateHaVip(string? Name, SubnetType? Type, string? SubnetId, string? Remark, string? IpAddress, IReadOnlyList<string>? InstanceIds, IpFamily? IpVersion = null);
