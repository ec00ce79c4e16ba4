using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.HaVips;

/// <summary>
/// A HAVIP: a floating private IP of a subnet that up to <see cref="HaVipLimits.MaxInstancesPerHaVip"/>
/// bound instances may claim. The aggregate guards its own status transitions; rules that need
/// other resources live in <see cref="HaVipRules"/>.
/// </summary>
public sealed class HighAvailabilityVip
{
    public required string Id { get; init; }

    /// <summary>The account that owns it; other accounts never see it.</summary>
    public required string AccountId { get; init; }

    public required string Name { get; set; }

    public string Remark { get; set; } = "";

    public SubnetType Type { get; init; }

    public required string VpcId { get; init; }

    public required string SubnetId { get; init; }

    public required string IpAddress { get; init; }

    public HaVipStatus Status { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>The bound instance that last claimed the VIP, as the hosts observed it.</summary>
    public string? MasterInstanceId { get; set; }

    /// <summary>When the hosts saw the current master's claim; orders holder reports.</summary>
    public DateTime? MasterSince { get; set; }

    /// <summary>VRRP virtual_router_id, unique among the subnet's HAVIPs.</summary>
    public int VirtualRouterId { get; init; }

    /// <summary>Per-HAVIP VRRP simple password (keepalived allows 8 characters).</summary>
    public required string AuthPass { get; init; }

    /// <summary>Change sequence number of the last change the hosts must apply.</summary>
    public long Generation { get; set; }

    /// <summary>When an unsettled change turns <see cref="HaVipStatus.Failed"/>.</summary>
    public DateTime? ApplyDeadline { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every write; exposed as the ETag.</summary>
    public long Version { get; set; }

    public List<HaVipBinding> Bindings { get; init; } = [];

    public List<HostApply> Hosts { get; init; } = [];

    public IReadOnlyList<string> InstanceIds => Bindings.OrderBy(b => b.CreatedAt).ThenBy(b => b.InstanceId, StringComparer.Ordinal).Select(b => b.InstanceId).ToArray();

    public void EnsureInstancesChangeable()
    {
        if (Status == HaVipStatus.Deleting)
        {
            throw new DomainException(ErrorCode.InvalidState, $"HAVIP '{Id}' is being deleted; its instances can no longer change.");
        }
    }

    public void EnsureDeletable()
    {
        if (Status is not (HaVipStatus.Available or HaVipStatus.Failed))
        {
            throw new DomainException(ErrorCode.InvalidState,
                $"HAVIP '{Id}' is {Status.ToString().ToLowerInvariant()}; only available or failed HAVIPs can be deleted.");
        }
    }
}
