using HaVip.Domain.Addressing;

namespace HaVip.Domain.Resources;

/// <summary>A virtual machine with one or more NICs.</summary>
public sealed class Instance
{
    private string _name = "";
    private string? _host;

    public required string Id { get; init; }

    /// <summary>The account that owns it; other accounts never see it.</summary>
    public required string AccountId { get; init; }

    public required string Name { get => _name; init => _name = value; }

    public required string VpcId { get; init; }

    /// <summary>The hypervisor host running the instance, or null when it is not placed.</summary>
    public string? Host { get => _host; init => _host = value; }

    public List<Nic> Nics { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// Renames and/or moves the instance (null keeps, "" unplaces it). True when it moved: the
    /// HAVIPs of its subnets must then be applied again, by the hosts that now run it.
    /// </summary>
    public bool Update(string? name, string? host)
    {
        InstanceRules.CheckUpdate(name, host);
        _name = name?.Trim() ?? _name;
        var placed = host is null ? _host : host.Length == 0 ? null : host.Trim();
        if (placed == _host)
        {
            return false;
        }
        _host = placed;
        return true;
    }

    public Nic? NicIn(string subnetId) => Nics.FirstOrDefault(n => n.SubnetId == subnetId);

    /// <summary>
    /// Gives each of its NICs in <paramref name="subnetId"/> that has no IPv6 address the lowest
    /// free one of <paramref name="prefix"/> (the subnet became dual-stack after the NIC was made),
    /// marking it used in <paramref name="used"/>; true when one was given.
    /// </summary>
    public bool AddIpv6Addresses(string subnetId, Ipv6Prefix prefix, HashSet<Ipv6> used)
    {
        ArgumentNullException.ThrowIfNull(used);
        var added = false;
        foreach (var nic in Nics.Where(n => n.SubnetId == subnetId && n.Ipv6Address is null).OrderBy(n => n.Device, StringComparer.Ordinal))
        {
            var address = Ipv6AddressRules.AllocateLowest(prefix, used);
            used.Add(address);
            nic.AssignIpv6(address);
            added = true;
        }
        return added;
    }
}
