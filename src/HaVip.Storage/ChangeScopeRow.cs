namespace HaVip.Storage;

/// <summary>
/// What one numbered change touches: a subnet (every host carrying it must look again) or a host
/// (its own ports or registration). Written in the change's transaction, so a reader that sees
/// the change number sees its scopes; read by each replica in sequence order to wake exactly the
/// long-polls of the hosts a change concerns. Old rows are pruned: a host further behind gets a
/// complete state.
/// </summary>
public sealed class ChangeScopeRow
{
    private const string SubnetPrefix = "s:";
    private const string HostPrefix = "h:";

    public required long Sequence { get; init; }

    /// <summary>"s:" + a subnet id or "h:" + a host name (<see cref="Subnet"/>, <see cref="Host"/>).</summary>
    public required string Scope { get; init; }

    public static string Subnet(string subnetId) => SubnetPrefix + subnetId;

    public static string Host(string host) => HostPrefix + host;

    public static bool IsSubnet(string scope) => scope.StartsWith(SubnetPrefix, StringComparison.Ordinal);

    /// <summary>The subnet id of a subnet scope (<see cref="IsSubnet"/>).</summary>
    public static string SubnetOf(string scope) => scope[SubnetPrefix.Length..];
}
