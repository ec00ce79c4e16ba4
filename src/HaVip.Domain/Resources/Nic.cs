namespace HaVip.Domain.Resources;

public sealed class Nic
{
    public required string InstanceId { get; init; }

    public required string Device { get; init; }

    public required string SubnetId { get; init; }

    public required string IpAddress { get; init; }

    public required string MacAddress { get; init; }
}
