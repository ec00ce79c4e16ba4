using System.Collections.Concurrent;

namespace HaVip.Server.Agents;

/// <summary>
/// Which hosts have an agent and their underlay addresses. Kept in memory on purpose: agents
/// register again when the server answers "unknown host" after a restart, so nothing is lost.
/// </summary>
public sealed class HostRegistry
{
    private readonly ConcurrentDictionary<string, string> _underlay = new(StringComparer.Ordinal);

    /// <summary>Records the host; true when that changed anything other hosts must know.</summary>
    public bool Register(string host, string underlayIp)
    {
        var previous = _underlay.GetValueOrDefault(host);
        _underlay[host] = underlayIp;
        return previous != underlayIp;
    }

    public bool IsRegistered(string host) => _underlay.ContainsKey(host);

    public string? UnderlayOf(string host) => _underlay.GetValueOrDefault(host);
}
