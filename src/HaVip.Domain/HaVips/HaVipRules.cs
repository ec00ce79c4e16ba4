using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.Resources;

namespace HaVip.Domain.HaVips;

/// <summary>The HAVIP rules that need other resources: subnet, addresses, instances, quotas.</summary>
public static class HaVipRules
{
    /// <summary>Checks what can be checked from the request alone, reporting every problem at once.</summary>
    public static RequestedAddress CheckCreateInput(
        string? name, string? remark, string? subnetId, string? ipAddress, IReadOnlyList<string>? instanceIds, IpFamily? family = null)
    {
        var errors = new ErrorCollector();
        NameRules.CheckName(name, errors);
        NameRules.CheckRemark(remark, errors);
        NameRules.CheckId(subnetId, ResourceId.SubnetPrefix, errors, "subnetId");
        var address = ParseAddress(ipAddress, family, errors);
        CheckInstanceIds(instanceIds ?? [], errors);
        errors.ThrowIfAny();
        return address;
    }

    /// <summary>
    /// The family is the address's when one is given (a colon makes it IPv6), else
    /// <paramref name="family"/>, else IPv4; a family that contradicts the address is refused.
    /// </summary>
    public static RequestedAddress ParseAddress(string? ipAddress, IpFamily? family, ErrorCollector errors)
    {
        if (ipAddress is null)
        {
            return new RequestedAddress(family ?? IpFamily.Ipv4);
        }
        var requested = ipAddress.Contains(':', StringComparison.Ordinal)
            ? new RequestedAddress(IpFamily.Ipv6, Ipv6: Ipv6AddressRules.ParseAddress(ipAddress, errors, "ipAddress"))
            : new RequestedAddress(IpFamily.Ipv4, Ipv4: AddressRules.ParseAddress(ipAddress, errors, "ipAddress"));
        if (requested.IsGiven && family is { } asked && asked != requested.Family)
        {
            errors.Add(ErrorCode.InvalidParameter,
                $"ipVersion {Wire(asked)} does not match ipAddress {ipAddress}, an {Wire(requested.Family)} address; leave ipVersion out or make them agree.", "ipVersion");
        }
        return requested;
    }

    private static string Wire(IpFamily family) => family == IpFamily.Ipv6 ? "ipv6" : "ipv4";

    public static void CheckRename(string? name, string? remark)
    {
        var errors = new ErrorCollector();
        if (name is not null)
        {
            NameRules.CheckName(name, errors);
        }
        NameRules.CheckRemark(remark, errors);
        errors.ThrowIfAny();
    }

    /// <summary>0 to 3 well-formed, distinct instance ids.</summary>
    public static void CheckInstanceIds(IReadOnlyList<string?> instanceIds, ErrorCollector errors, string field = "instanceIds")
    {
        if (instanceIds.Count > HaVipLimits.MaxInstancesPerHaVip)
        {
            errors.Add(ErrorCode.TooManyInstances,
                $"a HAVIP can be bound to at most {HaVipLimits.MaxInstancesPerHaVip} instances (got {instanceIds.Count}).", field);
        }
        for (var i = 0; i < instanceIds.Count; i++)
        {
            NameRules.CheckId(instanceIds[i], ResourceId.InstancePrefix, errors, $"{field}[{i}]");
        }
        var duplicate = instanceIds.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add(ErrorCode.InvalidParameter, $"instance {duplicate.Key} is listed more than once.", field);
        }
    }

    public static void CheckInstanceIds(IReadOnlyList<string?> instanceIds)
    {
        var errors = new ErrorCollector();
        CheckInstanceIds(instanceIds, errors);
        errors.ThrowIfAny();
    }

    public static void CheckType(SubnetType requested, Subnet subnet)
    {
        if (requested != subnet.Type)
        {
            throw new DomainException(ErrorCode.TypeMismatch,
                $"type {requested.ToString().ToLowerInvariant()} does not match subnet {subnet.Id}, which is {subnet.Type.ToString().ToLowerInvariant()}.", "type");
        }
    }

    /// <summary>Each instance must have a NIC in the HAVIP's subnet.</summary>
    public static void CheckInstanceInSubnet(Instance instance, Subnet subnet)
    {
        if (instance.NicIn(subnet.Id) is null)
        {
            throw new DomainException(ErrorCode.InstanceNotInSubnet,
                $"instance {instance.Id} has no NIC in subnet {subnet.Id}; bind only instances of the HAVIP's subnet.", "instanceIds");
        }
    }

    /// <summary>The lowest VRRP virtual_router_id not used by another HAVIP of the subnet.</summary>
    public static int AllocateVirtualRouterId(Subnet subnet, IEnumerable<int> used)
    {
        var taken = used.ToHashSet();
        for (var vrid = 1; vrid <= HaVipLimits.MaxVirtualRouterId; vrid++)
        {
            if (!taken.Contains(vrid))
            {
                return vrid;
            }
        }
        throw new DomainException(ErrorCode.SubnetFull,
            $"subnet {subnet.Id} already has {HaVipLimits.MaxVirtualRouterId} HAVIPs, one per VRRP virtual router id.", "subnetId");
    }
}
