using System.Collections.Concurrent;
using HaVip.Linux.Links;
using HaVip.Linux.Netlink;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Instances;
using HaVip.Vrrpd.Logging;
using HaVip.Vrrpd.Metrics;
using HaVip.Vrrpd.Os;
using HaVip.Vrrpd.Tracking;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Daemon;

/// <summary>
/// The running daemon: instances from the configuration, the script and link monitors that feed
/// them, the control socket, and reload on SIGHUP.
/// </summary>
internal sealed partial class VrrpDaemon(DaemonOptions options, ILoggerFactory loggers, TimeProvider time) : IDisposable
{
    private readonly ILogger _log = loggers.CreateLogger("havipd");
    private readonly ConcurrentDictionary<string, InstanceRunner> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ScriptMonitor Monitor, CancellationTokenSource Stop, Task Task)> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrackFileMonitor> _files = new(StringComparer.Ordinal);
    private (ProcessMonitor Monitor, CancellationTokenSource Stop, Task Task)? _processes;
    private readonly RouteNetlink _netlink = new();
    private readonly LinkTable _links = new();
    private VmacLinks? _vmacs;
    private AcceptModeFirewall? _firewall;
    private readonly NotifyRunner _notify = new(loggers.CreateLogger("havipd.notify"));
    private SyncGroupCoordinator? _groups;

    // One logger for every instance (each line names its instance): a logger per instance costs
    // memory per instance in every provider.
    private readonly ILogger _instanceLog = loggers.CreateLogger("havipd.vrrp");
    private readonly InstanceLoop _loop = new(time, loggers.CreateLogger("havipd.vrrp"));
    private LinkSockets? _sockets;
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private DateTimeOffset? _lastReload;
    private bool _lockedMemory;

    /// <summary>
    /// The `havipd status` document, filled into <paramref name="rows"/> (the reader's own, kept
    /// across snapshots) on the instance loop's thread.
    /// </summary>
    public async Task<DaemonStatus> SnapshotAsync(StatusRows rows, CancellationToken cancellationToken)
    {
        // A reader that gave up waiting must not refill rows the loop is still filling.
        if (rows.Filling is { IsCompleted: false } previous)
            await previous.WaitAsync(cancellationToken);
        rows.Select(_instances);
        rows.Filling = _loop.InvokeAsync(() =>
        {
            rows.Fill();
            return true;
        });
        await rows.Filling.WaitAsync(cancellationToken);
        return new DaemonStatus(Environment.ProcessId, options.ConfigFile, _startedAt, _lastReload, rows.Rows, RuntimeNow());
    }

    private RuntimeStatus RuntimeNow()
    {
        var gc = GC.GetGCMemoryInfo();
        return new(
            GC.GetTotalPauseDuration().TotalSeconds,
            _loop.Clock.GcPauseMax.TotalSeconds,
            GC.CollectionCount(0),
            _loop.Clock.LatenessMax.TotalSeconds,
            ResidentBytes(),
            gc.HeapSizeBytes,
            gc.TotalCommittedBytes,
            _loop.Clock.AllocatedSinceStart);
    }

    /// <summary>The second field of /proc/self/statm, in pages.</summary>
    private static long ResidentBytes()
    {
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    /// <summary>Runs until <paramref name="stop"/>; each item of <paramref name="reloads"/> is a SIGHUP.</summary>
    public async Task RunAsync(KeepalivedConfig config, System.Threading.Channels.ChannelReader<bool> reloads, CancellationToken stop)
    {
        LinkMonitor.Load(_netlink, _links);
        _lockedMemory = config.GlobalDefs.NoSwap;
        var tuning = new ThreadTuning(config.GlobalDefs, _log);
        tuning.Process();
        await _loop.InvokeAsync(tuning.CurrentThread);
        _vmacs = new VmacLinks(_netlink, _links, loggers.CreateLogger("havipd.vmac"));

        // The table's name and priority are read at start; a reload keeps them (the table holds the running masters' VIPs).
        _firewall = new AcceptModeFirewall(AcceptModeRules.From(config.GlobalDefs), AcceptModeFirewall.Cli(new HaVip.Linux.Commands.CommandRunner()), loggers.CreateLogger("havipd.nftables"));
        _sockets = new LinkSockets(_links, _loop.PostDatagram, _loop.Buffers, _log, () => tuning.CurrentThread());
        _groups = new SyncGroupCoordinator(_loop.Post, _notify);
        using var linkMonitor = new LinkMonitor(_links, (name, up) => Broadcast(new TrackChanged(TrackKind.Interface, name, up)), loggers.CreateLogger("havipd.link"));
        // `havipd status` is rare: its rows (a few hundred bytes per instance) are not kept between
        // requests, unlike a scraper's.
        using var control = new ControlServer(options.ControlPath, ct => SnapshotAsync(new StatusRows(), ct), _log);
        control.Start();
        var metricsRows = new StatusRows();
        using var metrics = options.MetricsListen is { } listen ? new MetricsServer(listen, ct => SnapshotAsync(metricsRows, ct), _log) : null;
        metrics?.Start();
        using var background = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var tasks = new[] { linkMonitor.RunAsync(background.Token), control.RunAsync(background.Token), metrics?.RunAsync(background.Token) ?? Task.CompletedTask };
        await ApplyAsync(config);
        Log.Started(_log, _instances.Count, options.ConfigFile);

        // This method's frame lives as long as the daemon; the parsed model (about 0.7 MB at
        // 1,000 instances) is not needed once the instances run, and a reload parses anew.
        config = null!;
        CompactAfterStart();
        HandBackStartupPages();
        await _loop.InvokeAsync(() =>
        {
            _loop.Clock.Reset();
            return true;
        });
        try
        {
            while (await reloads.WaitToReadAsync(stop))
            {
                while (reloads.TryRead(out _)) { }
                await ReloadAsync();
            }
        }
        catch (OperationCanceledException)
        {
            Log.Stopping(_log);
        }

        await StopAllAsync();
        _firewall.Dispose();
        await background.CancelAsync();
        await Task.WhenAll(tasks);
    }

    private async Task ReloadAsync()
    {
        var config = ConfigLoader.Load(options.ConfigFile, new LogWriter(_log));
        if (config is null)
        {
            Log.Problem(_log, "reload refused: configuration has errors; keeping the running one");
            return;
        }

        _lastReload = time.GetUtcNow();
        DropTrackFilesWithoutDirectory(config);
        var (plans, problems) = Plan(config);
        var diff = ReloadPlan.Diff(_instances.ToDictionary(kv => kv.Key, kv => kv.Value.Plan), plans);
        foreach (var name in diff.Stop)
            await StopAsync(name);
        StartScripts(config);
        StartFiles(config, reload: true);
        await StartProcessesAsync(config);
        await OnLoop(() => _groups!.Configure(config.SyncGroups));
        await StartInstancesAsync(diff.Start);
        foreach (var p in problems)
            Log.Problem(_log, p);
        Log.Reloaded(_log, diff.Keep.Count, diff.Stop.Count, diff.Start.Count);
        HandBackStartupPages();
    }

    private async Task ApplyAsync(KeepalivedConfig config)
    {
        DropTrackFilesWithoutDirectory(config);
        var (plans, problems) = Plan(config);
        foreach (var p in problems)
            Log.Problem(_log, p);
        _notify.OpenFifos(config.GlobalDefs.NotifyFifos);
        StartScripts(config);
        StartFiles(config, reload: false);
        await StartProcessesAsync(config);
        await OnLoop(() => _groups!.Configure(config.SyncGroups));
        await StartInstancesAsync(plans);
    }

    /// <summary>
    /// keepalived 2.2.7 (track_file.c, at start, not in --config-test): a track file whose
    /// directory does not exist is removed, so it neither moves a priority nor faults (even with
    /// <c>weight 0 reverse</c>, where reading 0 would fault); a file that is a directory stays and
    /// reads 0.
    /// </summary>
    private void DropTrackFilesWithoutDirectory(KeepalivedConfig config)
    {
        foreach (var (name, file) in config.TrackFiles.ToList())
        {
            if (file.Path is { } path && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))))
            {
                Log.Problem(_log, $"Track file directory for {name} does not exist - removing");
                config.RemoveTrackFile(name);
            }
        }
    }

    /// <summary>The interfaces' addresses are read once per plan, not once per instance.</summary>
    private static (List<InstancePlan>, List<string>) Plan(KeepalivedConfig config)
    {
        var addresses = InterfaceAddresses.ByInterface();
        return InstancePlanner.Build(config, (device, family, vips) => InterfaceAddresses.Primary(addresses, device, family, vips));
    }

    /// <summary>
    /// Parsing and planning a large configuration leaves megabytes of garbage that a daemon
    /// allocating little would carry for a long time; one compacting collection, once the
    /// instances run, hands it back to the system.
    /// </summary>
    private static void CompactAfterStart()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>
    /// Parsing and planning touched most of the executable; the running daemon needs a fraction of
    /// it (docs/benchmarks.md: about 4 MiB handed back at 1,000 instances). Not with
    /// <c>vrrp_no_swap</c>: locked pages stay, and whoever asked for it wants no page faults.
    /// </summary>
    private void HandBackStartupPages()
    {
        if (_lockedMemory)
            return;
        var (kb, error) = StartupPages.Release();
        Log.PagesReleased(_log, kb);
        if (error is not null)
            Log.Problem(_log, $"handing back start-up pages: {error}");
    }

    public void Dispose()
    {
        _firewall?.Dispose();
        _loop.Dispose();
        _notify.Dispose();
        _sockets?.Dispose();
        _netlink.Dispose();
    }
}
