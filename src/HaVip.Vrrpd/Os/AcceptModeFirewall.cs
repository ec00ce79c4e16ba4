using System.Net.Sockets;
using System.Text;
using HaVip.Linux.Commands;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// keepalived 2.2.7's accept mode off (<c>no_accept</c>, the default in strict mode): while an
/// instance that does not own its addresses is MASTER, its VIPs and excluded VIPs are in the
/// <c>vips</c> set of their family's table (<c>table ip</c>, <c>table ip6</c>), so the host neither
/// accepts traffic to them nor sends from them (RFC 5798 section 6.4.3); IPv6 Neighbor Discovery
/// still passes. A family's table is made at its first master, as keepalived makes it, and deleted
/// when the daemon stops. Shared by every instance: an address two instances hold leaves the set
/// with the last of them. Driven through <c>nft -f -</c>; a failure is logged and the election goes on.
/// </summary>
internal sealed class AcceptModeFirewall(AcceptModeRules rules, Func<string, CommandResult> nft, ILogger log) : IDisposable
{
    private readonly Dictionary<BlockedAddress, int> _holders = [];
    private readonly HashSet<AddressFamily> _tables = [];
    private readonly HashSet<string> _linkLocalSets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Runs <c>nft -f -</c> with the text on stdin, and waits for it.</summary>
    public static Func<string, CommandResult> Cli(CommandRunner runner) =>
        text => Task.Run(() => runner.RunAsync("nft", ["-f", "-"], text)).GetAwaiter().GetResult();

    public AcceptModeRules Rules => rules;

    /// <summary>Drops the traffic of <paramref name="addresses"/>: the table of each family first if it is not there yet, in the same transaction.</summary>
    public void Block(IEnumerable<BlockedAddress> addresses)
    {
        lock (_lock)
        {
            var fresh = new List<BlockedAddress>();
            foreach (var address in addresses.Distinct())
            {
                var holders = _holders.GetValueOrDefault(address) + 1;
                _holders[address] = holders;
                if (holders == 1)
                    fresh.Add(address);
            }

            if (fresh.Count == 0)
                return;
            var text = new StringBuilder();
            var families = fresh.Select(a => a.Family).Distinct().Order().ToList();
            foreach (var family in families.Where(f => !_tables.Contains(f)))
                text.Append(rules.Create(family));
            var linkLocal = fresh.Where(a => a.IsLinkLocal).Select(a => a.Set).Distinct().Where(set => !_linkLocalSets.Contains(set)).Order(StringComparer.Ordinal).ToList();
            foreach (var set in linkLocal)
                text.Append(rules.CreateLinkLocal(set));
            Elements(text, "add", fresh);
            if (!Run(text.ToString()))
                return;
            _tables.UnionWith(families);
            _linkLocalSets.UnionWith(linkLocal);
        }
    }

    public void Unblock(IEnumerable<BlockedAddress> addresses)
    {
        lock (_lock)
        {
            var gone = new List<BlockedAddress>();
            foreach (var address in addresses.Distinct())
            {
                if (!_holders.TryGetValue(address, out var holders))
                    continue;
                if (holders > 1)
                {
                    _holders[address] = holders - 1;
                    continue;
                }

                _holders.Remove(address);
                if (_tables.Contains(address.Family) && (!address.IsLinkLocal || _linkLocalSets.Contains(address.Set)))
                    gone.Add(address);
            }

            if (gone.Count == 0)
                return;
            var text = new StringBuilder();
            Elements(text, "delete", gone);
            Run(text.ToString());
        }
    }

    /// <summary>The tables go when the daemon stops, as keepalived deletes them.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _holders.Clear();
            foreach (var family in _tables.Order())
                Run(rules.Delete(family));
            _tables.Clear();
            _linkLocalSets.Clear();
        }
    }

    /// <summary>One <c>add element</c> or <c>delete element</c> per set, IPv4 first.</summary>
    private void Elements(StringBuilder text, string verb, List<BlockedAddress> addresses)
    {
        foreach (var set in addresses.GroupBy(a => (a.Family, a.Set)).OrderBy(g => g.Key.Family).ThenBy(g => g.Key.Set, StringComparer.Ordinal))
            text.Append(rules.Elements(verb, AcceptModeRules.Family(set.Key.Family), set.Key.Set, set.Select(a => a.Element)));
    }

    private bool Run(string text)
    {
        CommandResult result;
        try
        {
            result = nft(text);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No nft binary: the VIPs accept traffic, as with accept mode; said, not fatal.
            Log.NftFailed(log, "nft -f -", -1, ex.Message);
            return false;
        }

        if (!result.Succeeded)
            Log.NftFailed(log, "nft -f -", result.ExitCode, result.Error.Trim());
        return result.Succeeded;
    }
}
