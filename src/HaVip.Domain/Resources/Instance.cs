namespace HaVip.Domain.Resources;

/// <summary>A virtual machine with one or more NICs.</summary>
public sealed class Instance
{
    public required string Id { get; init; }

    /// <summary>The account that owns it; other accounts never see it.</summary>
    public required string AccountId { get; init; }

    public required string Name { get; set; }

    public required string VpcId { get; init; }

    /// <summary>The hypervisor host running the instance, or null when it is not placed.</summary>
    public string? Host { get; set; }

    public List<Nic> Nics { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    public Nic? NicIn(string subnetId) => Nics.FirstOrDefault(n => n.SubnetId == subnetId);
}
