using HaVip.Agent.Arp;
using HaVip.Agent.Links;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Sync;
using HaVip.Agent.Vrrp;
using HaVip.Linux.Commands;
using Microsoft.Extensions.Logging;

namespace HaVip.Agent.Hosting;

/// <summary>Wires the agent together and runs it until SIGTERM/Ctrl+C. Rules stay in place on exit: a restarted agent re-syncs without a gap.</summary>
internal static class AgentHost
{
    public static async Task<int> RunAsync(AgentOptions options)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        var commands = new CommandRunner();
        using var metrics = new AgentMetrics();
        using var tracing = ApplyTracing.StartExporter();
        var servers = ServerClient.CreateAll(options.Server);
        foreach (var http in servers)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.Key);
        }
        using var disposeServers = new CompositeDisposable(servers);
        var server = new ServerClient(servers, options.Host);
        var reporter = new Reporter(server, TimeProvider.System, loggers.CreateLogger<Reporter>());
        using var adverts = new AdvertObserver(new AdvertTracker(TimeProvider.System), reporter, metrics, loggers.CreateLogger<AdvertObserver>());
        adverts.Start(TimeProvider.System);
        using var watchers = new PortWatchers(reporter, new HolderTracker(TimeProvider.System, TimeSpan.FromSeconds(5)), new SpoofTracker(TimeProvider.System, TimeSpan.FromSeconds(5)), adverts, metrics, TimeProvider.System, loggers.CreateLogger<PortWatchers>(), new ArbitrationProbe(commands));
        var contact = new ServerContact(TimeProvider.System);
        var applier = new StateApplier(new LinkReconciler(commands, options.UnderlayIp), commands, metrics, TimeProvider.System, contact);
        using var announcer = new DecisionAnnouncer(loggers.CreateLogger<DecisionAnnouncer>());
        var loop = new SyncLoop(server, applier, watchers, options.UnderlayIp, loggers.CreateLogger<SyncLoop>(), contact, options.Arbitration ? announcer : null, options.Arbitration, options.Silence);
        var refresh = new DecisionRefresh(applier, TimeProvider.System);
        var drops = new DropCounters(commands, metrics);
        var repair = new SelfRepair(applier, metrics, reporter, options.Verify, TimeProvider.System, loggers.CreateLogger<SelfRepair>());
        var tasks = new List<Task> { loop.RunAsync(stop.Token), reporter.RunAsync(stop.Token), repair.RunAsync(stop.Token), refresh.RunAsync(stop.Token) };
        await using var scrapes = options.Metrics is { } endpoint ? MetricsEndpoint.Start(endpoint, metrics, ct => drops.RefreshAsync(watchers.Ports, ct)) : null;
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return 0;
    }
}
