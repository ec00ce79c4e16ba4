namespace HaVip.Contracts.Api;

public sealed record HaVipDto(
    string Id,
    string Name,
    string Remark,
    NetworkType Type,
    string VpcId,
    string SubnetId,
    string IpAddress,
    HaVipState Status,
    string? StatusReason,
    IReadOnlyList<string> InstanceIds,
    string? MasterInstanceId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<VrrpInstanceDto>? Vrrp = null,
    HealthDto? Health = null,
    IpVersion IpVersion = IpVersion.Ipv4);

public sealed record CreateHaVipRequest(
    string? Name,
    NetworkType? Type,
    string? SubnetId,
    string? Remark = null,
    string? IpAddress = null,
    IReadOnlyList<string>? InstanceIds = null,
    IpVersion? IpVersion = null);

public sealed record UpdateHaVipRequest(string? Name = null, string? Remark = null);

public sealed record ReplaceInstancesRequest(IReadOnlyList<string>? InstanceIds);

public sealed record AddInstanceRequest(string? InstanceId);

public sealed record BatchDeleteRequest(IReadOnlyList<string>? Ids);

public sealed record BatchDeleteError(string Code, string Message);

/// <summary>One id of a batch delete: deleted (status "deleting" while hosts still remove it), or refused with why.</summary>
public sealed record BatchDeleteItem(string Id, bool Deleted, HaVipState? Status = null, BatchDeleteError? Error = null);

public sealed record BatchDeleteResponse(IReadOnlyList<BatchDeleteItem> Results);

/// <summary>One timeline entry; <paramref name="Finding"/> and <paramref name="Instances"/> on a health finding's start or end (kinds findingStarted, findingEnded).</summary>
public sealed record HaVipEventDto(
    long Id, DateTime At, string Kind, string Message, HaVipState? Status, string? InstanceId, string? Finding = null, IReadOnlyList<string>? Instances = null);

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);

/// <summary>What the platform saw of one bound instance's VRRP adverts for the HAVIP; all null but the id and advertising when never seen.</summary>
public sealed record VrrpInstanceDto(
    string InstanceId,
    bool Advertising,
    int? Priority,
    long? AdvertIntervalMilliseconds,
    int? Vrid,
    int? Version,
    DateTime? LastAdvertAt);

/// <summary>One finding: a stable code, the instances involved, since when, and what it means.</summary>
public sealed record HealthFindingDto(string Code, IReadOnlyList<string> Instances, DateTime Since, string Message);

/// <summary>"ok" with no findings, or "findings" with the list.</summary>
public sealed record HealthDto(string Status, IReadOnlyList<HealthFindingDto> Findings);
