using System.Text.RegularExpressions;
using HaVip.Domain.Addressing;
using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;

namespace HaVip.Domain.Resources;

/// <summary>The rules of an instance: its NICs, their device names, its host, and how many HAVIPs it holds.</summary>
public static partial class InstanceRules
{
    public const int MaxNics = 8;

    /// <summary>Checks a new instance from the request alone, reporting every problem at once.</summary>
    public static void CheckCreate(string? name, string? vpcId, string? host, IReadOnlyList<NicSpec?> nics)
    {
        var errors = new ErrorCollector();
        NameRules.CheckName(name, errors);
        NameRules.CheckId(vpcId, ResourceId.VpcPrefix, errors, "vpcId");
        CheckHost(host, errors);
        if (nics.Count > MaxNics)
        {
            errors.Add(ErrorCode.InvalidParameter, $"an instance has at most {MaxNics} NICs.", "nics");
        }
        for (var i = 0; i < nics.Count; i++)
        {
            CheckNic(nics[i], $"nics[{i}]", errors);
        }
        var devices = nics.Select((s, i) => s?.Device ?? DefaultDevice(i)).ToArray();
        if (devices.Distinct(StringComparer.Ordinal).Count() != devices.Length)
        {
            errors.Add(ErrorCode.InvalidParameter, "device names must be distinct.", "nics");
        }
        if (nics.Select(s => s?.SubnetId).Distinct(StringComparer.Ordinal).Count() != nics.Count)
        {
            errors.Add(ErrorCode.InvalidParameter, "an instance has at most one NIC per subnet.", "nics");
        }
        errors.ThrowIfAny();
    }

    /// <summary>A rename and/or a move to another host (null keeps, "" unplaces).</summary>
    public static void CheckUpdate(string? name, string? host)
    {
        var errors = new ErrorCollector();
        if (name is not null)
        {
            NameRules.CheckName(name, errors);
        }
        CheckHost(host, errors);
        errors.ThrowIfAny();
    }

    /// <summary>The device a NIC gets when the request names none: eth0, eth1, … by position.</summary>
    public static string DefaultDevice(int index) => $"eth{index}";

    /// <summary>
    /// An instance holds at most <see cref="HaVipLimits.MaxHaVipsPerInstance"/> HAVIPs;
    /// <paramref name="currentCount"/> excludes the one being bound. Against concurrent binds this
    /// is enforced by counting and binding inside one write of the server's write gate
    /// (HaVip.Server/HaVips/HaVipService.CheckBindableAsync, run in Persistence/WriteGate: one
    /// write at a time per process, serializable and retried on conflict across replicas).
    /// </summary>
    public static void CheckHaVipQuota(string instanceId, int currentCount)
    {
        if (currentCount >= HaVipLimits.MaxHaVipsPerInstance)
        {
            throw new DomainException(ErrorCode.InstanceHaVipLimitExceeded,
                $"instance {instanceId} is already bound to {currentCount} HAVIPs, the most an instance can hold is {HaVipLimits.MaxHaVipsPerInstance}.", "instanceIds");
        }
    }

    private static void CheckNic(NicSpec? spec, string field, ErrorCollector errors)
    {
        if (spec is null)
        {
            errors.Add(ErrorCode.InvalidParameter, "each NIC must be an object with at least a subnetId.", field);
            return;
        }
        NameRules.CheckId(spec.SubnetId, ResourceId.SubnetPrefix, errors, $"{field}.subnetId");
        if (spec.Device is not null && !DeviceName().IsMatch(spec.Device))
        {
            errors.Add(ErrorCode.InvalidParameter, "device must be a Linux interface name of 1-15 letters, digits, '.', '_' or '-'.", $"{field}.device");
        }
        if (spec.IpAddress is not null)
        {
            AddressRules.ParseAddress(spec.IpAddress, errors, $"{field}.ipAddress");
        }
        if (spec.Ipv6Address is not null)
        {
            Ipv6AddressRules.ParseAddress(spec.Ipv6Address, errors, $"{field}.ipv6Address");
        }
        if (spec.MacAddress is not null && MacAddresses.Normalize(spec.MacAddress) is null)
        {
            errors.Add(ErrorCode.InvalidParameter, "macAddress must be a unicast MAC such as 02:00:00:00:00:01.", $"{field}.macAddress");
        }
    }

    private static void CheckHost(string? host, ErrorCollector errors)
    {
        if (!string.IsNullOrEmpty(host) && !HostName().IsMatch(host))
        {
            errors.Add(ErrorCode.InvalidParameter, "host must be a host name of letters, digits, '.', '_' or '-' (at most 63).", "host");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$")]
    private static partial Regex DeviceName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex HostName();
}
