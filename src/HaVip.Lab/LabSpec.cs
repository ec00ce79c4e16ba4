namespace HaVip.Lab;

/// <summary>
/// What to build. By default the server's demo inventory: havip-01..03 each on its own host,
/// and a client instance on the last host in every internal subnet.
/// </summary>
/// <param name="Placement">Instance name → host; instances not listed are left where they are.</param>
/// <param name="ClientHost">Where the client instance runs (it is created in the inventory).</param>
/// <param name="StateDir">Where logs, pid files, configs and the server's database go.</param>
public sealed record LabSpec(IReadOnlyDictionary<string, string> Placement, string ClientHost, string StateDir)
{
    public const string ClientName = "client";
    public const int ResponderPort = 7000;

    public IReadOnlyList<string> Hosts => Placement.Values.Append(ClientHost).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public static LabSpec Demo(string stateDir) => new(
        new Dictionary<string, string> { ["havip-01"] = "hv1", ["havip-02"] = "hv2", ["havip-03"] = "hv3" },
        "hv3",
        stateDir);
}
