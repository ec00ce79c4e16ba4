using System.Globalization;

namespace HaVip.Lab;

/// <summary>
/// What to build. By default the server's demo inventory: havip-01..03 each on its own host,
/// and a client instance on the last host in every internal subnet.
/// </summary>
/// <param name="Placement">Instance name → host; instances not listed are left where they are.</param>
/// <param name="ClientHost">Where the client instance runs (it is created in the inventory).</param>
/// <param name="StateDir">Where logs, pid files, configs and the server's database go.</param>
/// <param name="Created">Instances of <paramref name="Placement"/> the lab creates (in the first internal subnet) when the inventory lacks them.</param>
public sealed record LabSpec(IReadOnlyDictionary<string, string> Placement, string ClientHost, string StateDir, IReadOnlySet<string>? Created = null)
{
    public const string ClientName = "client";
    public const int ResponderPort = 7000;
    private const int DemoInstances = 3;

    /// <summary>How often each agent verifies its kernel state (<c>--verify-interval</c>); null: the agent's default.</summary>
    public TimeSpan? VerifyInterval { get; init; }

    /// <summary>
    /// The server's database: null, SQLite in the state directory; otherwise an Npgsql connection
    /// string (PostgreSQL), which <see cref="Replicas"/> above one needs, as replicas share it.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>
    /// Server replicas (1 or 2) over <see cref="Database"/>. With two, the hosts' agents are spread
    /// over them (the first host on the first replica, the second on the second, …), each agent
    /// naming the other replica after its own, to move there when its own fails.
    /// </summary>
    public int Replicas { get; init; } = 1;

    public IReadOnlyList<string> Hosts => Placement.Values.Append(ClientHost).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public static LabSpec Demo(string stateDir) => Spread(DemoInstances, stateDir);

    /// <summary>
    /// <paramref name="hosts"/> hosts hv1..hvN, each running one instance of the internal subnet
    /// (havip-01..03 from the demo inventory, havip-04 onwards created), so every host carries
    /// the subnet and must apply its HAVIPs; the client runs on the last host.
    /// </summary>
    public static LabSpec Spread(int hosts, string stateDir)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hosts, DemoInstances);
        var placement = Enumerable.Range(1, hosts).ToDictionary(InstanceName, HostName, StringComparer.Ordinal);
        var created = Enumerable.Range(DemoInstances + 1, hosts - DemoInstances).Select(InstanceName).ToHashSet(StringComparer.Ordinal);
        return new LabSpec(placement, HostName(hosts), stateDir, created);
    }

    public static string InstanceName(int index) => "havip-" + index.ToString("00", CultureInfo.InvariantCulture);

    public static string HostName(int index) => "hv" + index.ToString(CultureInfo.InvariantCulture);
}
