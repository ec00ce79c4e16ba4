using System.Net;
using System.Net.Sockets;
using HaVip.Linux.Commands;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Os;

/// <summary>
/// keepalived 2.2.7's accept mode off (<c>no_accept</c>, the default in strict mode): while an
/// instance that does not own its addresses is MASTER, its VIPs and excluded VIPs are in the
/// <c>vips</c> set, so the host neither accepts traffic to them nor sends from them (RFC 5798
/// section 6.4.3). The table is made at the first master, as keepalived makes it, and deleted when
/// the daemon stops. Shared by every instance: an address two instances hold leaves the set with
/// the last of them. Driven through <c>nft -f -</c>; a failure is logged and the election goes on.
/// </summary>
internal sealed class AcceptModeFirewall(AcceptModeRules rules, Func<string, CommandResult> nft, ILogger log) : IDisposable
{
    private readonly Dictionary<IPAddress, int> _holders = [];
    private readonly Lock _lock = new();
    private bool _created;

    /// <summary>Runs <c>nft -f -</c> with the text on stdin, and waits for it.</summary>
    public static Func<string, CommandResult> Cli(CommandRunner runner) =>
        text => Task.Run(() => runner.RunAsync("nft", ["-f", "-"], text)).GetAwaiter().GetResult();

    public AcceptModeRules Rules => rules;

    /// <summary>Drops the traffic of <paramref name="addresses"/>; IPv4 only: IPv6 VIPs (keepalived's <c>table ip6</c>) are not blocked yet.</summary>
    public void Block(IEnumerable<IPAddress> addresses)
    {
        lock (_lock)
        {
            var fresh = new List<IPAddress>();
            foreach (var address in Ipv4(addresses))
            {
                var holders = _holders.GetValueOrDefault(address) + 1;
                _holders[address] = holders;
                if (holders == 1)
                    fresh.Add(address);
            }

            if (fresh.Count == 0)
                return;
            if (Run((_created ? "" : rules.Create()) + rules.AddElements(fresh)))
                _created = true;
        }
    }

    public void Unblock(IEnumerable<IPAddress> addresses)
    {
        lock (_lock)
        {
            var gone = new List<IPAddress>();
            foreach (var address in Ipv4(addresses))
            {
                if (!_holders.TryGetValue(address, out var holders))
                    continue;
                if (holders > 1)
                {
                    _holders[address] = holders - 1;
                    continue;
                }

                _holders.Remove(address);
                gone.Add(address);
            }

            if (gone.Count > 0 && _created)
                Run(rules.DeleteElements(gone));
        }
    }

    /// <summary>The table goes when the daemon stops, as keepalived deletes it.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _holders.Clear();
            if (_created)
                Run(rules.Delete());
            _created = false;
        }
    }

    private static IEnumerable<IPAddress> Ipv4(IEnumerable<IPAddress> addresses) =>
        addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).Distinct();

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
