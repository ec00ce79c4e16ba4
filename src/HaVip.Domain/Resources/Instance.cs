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
}
