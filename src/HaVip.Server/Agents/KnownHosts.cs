using System.Collections.Concurrent;

namespace HaVip.Server.Agents;

/// <summary>
/// The names this replica has seen in the hosts table, so that a long-poll does not read the
/// table to learn what it already knew. Only positive answers are kept: a host once registered
/// (through any replica) stays registered until an admin removes it (DELETE /v1/hosts/{name},
/// which this replica's cache forgets at once; another replica's serves the removed host's agent
/// until it restarts, harmlessly: the agent's key is revoked first, and its host has no
/// instances left); a name not here is looked up in the database (<see cref="HostDirectory"/>).
/// </summary>
public sealed class KnownHosts
{
    private readonly ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);

    public bool Contains(string host) => _names.ContainsKey(host);

    public void Add(string host) => _names.TryAdd(host, true);

    public void Remove(string host) => _names.TryRemove(host, out _);
}
