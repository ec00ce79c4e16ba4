using System.Net;
using HaVip.Lab.Processes;
using HaVip.Lab.Topology;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Vrrp;

/// <summary>
/// The havipd network tests' and the failover benchmark's topology: network namespaces
/// <c>{prefix}-nI</c> on one <see cref="BridgeSegment"/> (its bridge in <c>{prefix}-sw</c>), each
/// with eth0 at 10.77.0.I/24, plus daemons running in them. Everything carries a random prefix and
/// is removed on dispose, also when the test failed: processes first (any left in a namespace are
/// killed), then the namespaces and their links. Synchronous: its callers poll from plain threads.
/// </summary>
public sealed class NetLab : IDisposable
{
    private readonly List<VrrpProcess> _processes = [];
    private readonly List<string> _namespaces = [];
    private readonly NetnsCommands _netns = new(new CommandRunner());

    /// <param name="nodes">Namespaces on the segment, numbered from 1.</param>
    /// <param name="prefix">The start of every name this lab makes, before its random part.</param>
    public NetLab(int nodes, string prefix = "hvd")
    {
        RootCheck.Require();
        Prefix = LabNames.RandomPrefix(prefix);
        Directory = System.IO.Directory.CreateTempSubdirectory(Prefix).FullName;
        try
        {
            var segment = new BridgeSegment(_netns, $"{Prefix}-sw");
            _namespaces.Add(segment.Netns);
            Sync(segment.CreateAsync);
            for (var i = 1; i <= nodes; i++)
                AddNode(segment, i);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Prefix { get; }

    public string Directory { get; }

    public static IPAddress Vip => IPAddress.Parse("10.77.0.100");

    public string Ns(int node) => $"{Prefix}-n{node}";

    public static IPAddress Address(int node) => IPAddress.Parse($"10.77.0.{node}");

    private void AddNode(BridgeSegment segment, int i)
    {
        var ns = Ns(i);
        _namespaces.Add(ns);
        Sync(async ct =>
        {
            await _netns.CreateAsync(ns, ct);
            await segment.PlugAsync(ns, new SegmentPort("eth0", $"{Address(i)}/24"), ct);
        });
    }

    // Task.Run: the async building blocks must not capture a test framework's synchronization context.
    private static void Sync(Func<CancellationToken, Task> step) => Task.Run(() => step(CancellationToken.None)).GetAwaiter().GetResult();

    public VrrpProcess Havipd(int node, string config, params string[] extraArgs)
    {
        var conf = Write($"n{node}.conf", config);
        var args = new List<string> { "netns", "exec", Ns(node) };
        args.AddRange(HavipdPath.Command);
        args.AddRange(["-f", conf, "--control", ControlPath(node), "-p", Path.Combine(Directory, $"n{node}.pid")]);
        args.AddRange(extraArgs);
        return Track(VrrpProcess.Start($"havipd n{node}", "ip", args, null));
    }

    public VrrpProcess Keepalived(int node, string config)
    {
        var conf = Write($"n{node}.conf", config);
        var vrrpPid = Path.Combine(Directory, $"n{node}.vrrp.pid");
        var args = new List<string>
        {
            "netns", "exec", Ns(node), "/usr/sbin/keepalived", "-n", "-l", "-D", "-P", "--no-syslog", "-f", conf,
            "-p", Path.Combine(Directory, $"n{node}.pid"), "-r", vrrpPid,
        };
        return Track(VrrpProcess.Start($"keepalived n{node}", "ip", args, vrrpPid));
    }

    public string ControlPath(int node) => Path.Combine(Directory, $"n{node}.sock");

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void LinkDown(int node) => Shell.Ip("-n", Ns(node), "link", "set", "eth0", "down");

    public void LinkUp(int node) => Shell.Ip("-n", Ns(node), "link", "set", "eth0", "up");

    /// <summary>Nodes whose eth0 carries the VIP right now.</summary>
    public List<int> VipHolders(int nodes) => VipHolders(nodes, Vip);

    /// <summary>Nodes whose eth0 carries <paramref name="vip"/> right now.</summary>
    public List<int> VipHolders(int nodes, IPAddress vip) =>
        Enumerable.Range(1, nodes).Where(i => Task.Run(() => _netns.HoldsAsync(Ns(i), "eth0", vip.ToString(), CancellationToken.None)).GetAwaiter().GetResult()).ToList();

    public string Mac(int node) => Shell.Ip("-n", Ns(node), "-br", "link", "show", "dev", "eth0").Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];

    /// <summary>The MAC a node's neighbour table holds for an address, or null.</summary>
    public string? NeighbourMac(int node, IPAddress address)
    {
        var words = Shell.Ip("-n", Ns(node), "neigh", "show", address.ToString()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = Array.IndexOf(words, "lladdr");
        return i >= 0 ? words[i + 1] : null;
    }

    private VrrpProcess Track(VrrpProcess p)
    {
        lock (_processes)
            _processes.Add(p);
        return p;
    }

    public string Logs()
    {
        lock (_processes)
            return string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{p.Output}"));
    }

    public void Dispose()
    {
        lock (_processes)
        {
            foreach (var p in _processes)
                p.Signal("TERM");
            foreach (var p in _processes)
            {
                if (!p.WaitForExit(TimeSpan.FromSeconds(3)))
                    p.Kill();
                p.Dispose();
            }
        }

        // Anything still running in a namespace (keepalived's child) must not outlive it.
        foreach (var ns in _namespaces)
            Sync(ct => _netns.DeleteAsync(ns, ct));
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless; a leftover namespace is not, and that is handled above.
        }
    }
}
