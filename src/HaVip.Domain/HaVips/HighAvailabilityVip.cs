using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.HaVips;

/// <summary>
/// A HAVIP: a floating private IP of a subnet that up to <see cref="HaVipLimits.MaxInstancesPerHaVip"/>
/// bound instances may claim. It changes only through its own methods, which keep every invariant
/// (status transitions, bindings, the master) and bump <see cref="Version"/>; each returns the
/// timeline events the change produced. Rules that need other resources live in <see cref="HaVipRules"/>.
/// </summary>
public sealed partial class HighAvailabilityVip
{
    private readonly List<HaVipBinding> _bindings = [];
    private readonly List<HostApply> _hosts = [];
    private string _name = "";
    private string _remark = "";

    public required string Id { get; init; }

    /// <summary>The account that owns it; other accounts never see it.</summary>
    public required string AccountId { get; init; }

    public required string Name { get => _name; init => _name = value; }

    public string Remark { get => _remark; init => _remark = value; }

    public SubnetType Type { get; init; }

    public required string VpcId { get; init; }

    public required string SubnetId { get; init; }

    public required string IpAddress { get; init; }

    public HaVipStatus Status { get; private set; }

    public string? StatusReason { get; private set; }

    /// <summary>The bound instance that last claimed the VIP, as the hosts observed it.</summary>
    public string? MasterInstanceId { get; private set; }

    /// <summary>When the current master claimed the VIP, on the server's clock; orders holder reports.</summary>
    public DateTime? MasterSince { get; private set; }

    /// <summary>VRRP virtual_router_id, unique among the subnet's HAVIPs.</summary>
    public int VirtualRouterId { get; init; }

    /// <summary>Per-HAVIP VRRP simple password (keepalived allows 8 characters).</summary>
    public required string AuthPass { get; init; }

    /// <summary>Change sequence number of the last change the hosts must apply.</summary>
    public long Generation { get; private set; }

    /// <summary>When an unsettled change turns <see cref="HaVipStatus.Failed"/>.</summary>
    public DateTime? ApplyDeadline { get; private set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token, bumped on every change; exposed as the ETag.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<HaVipBinding> Bindings => _bindings;

    public IReadOnlyList<HostApply> Hosts => _hosts;

    public IReadOnlyList<string> InstanceIds => HaVipBinding.InstanceIdsInOrder(_bindings);

    /// <summary>A new HAVIP in <see cref="HaVipStatus.Creating"/>; the caller then has its hosts <see cref="RequireApply"/> it.</summary>
    public static HighAvailabilityVip Create(NewHaVip spec, DateTime now, out IReadOnlyList<HaVipEvent> events)
    {
        HaVipRules.CheckInstanceIds(spec.InstanceIds);
        var vip = new HighAvailabilityVip
        {
            Id = ResourceId.New(ResourceId.HaVipPrefix),
            AccountId = spec.Subnet.AccountId,
            Name = spec.Name.Trim(),
            Remark = spec.Remark ?? "",
            Type = spec.Subnet.Type,
            VpcId = spec.Subnet.VpcId,
            SubnetId = spec.Subnet.Id,
            IpAddress = spec.IpAddress,
            VirtualRouterId = spec.VirtualRouterId,
            AuthPass = spec.AuthPass,
            CreatedAt = now,
            UpdatedAt = now,
            HealthDueAt = now,
        };
        var created = new List<HaVipEvent> { vip.NewEvent(HaVipEventKinds.Status, $"created with address {vip.IpAddress}", now, HaVipStatus.Creating) };
        foreach (var instanceId in spec.InstanceIds)
        {
            vip.AddBinding(instanceId, now);
        }
        if (vip._bindings.Count > 0)
        {
            created.Add(vip.InstancesEvent(now));
        }
        events = created;
        return vip;
    }

    /// <summary>Name and remark change in every state (null keeps the current one); hosts care about neither.</summary>
    public void Rename(string? name, string? remark, DateTime now)
    {
        HaVipRules.CheckRename(name, remark);
        _name = name?.Trim() ?? _name;
        _remark = remark ?? _remark;
        Touch(now);
    }

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

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    private HaVipEvent NewEvent(string kind, string message, DateTime at, HaVipStatus? status = null, string? instanceId = null) =>
        new() { HaVipId = Id, Kind = kind, Message = message, At = at, Status = status, InstanceId = instanceId };
}
