using System.Net;
using HaVip.Agent.Arp;
using HaVip.Agent.Metrics;
using HaVip.Agent.Reports;
using HaVip.Agent.Sync;
using HaVip.Agent.Vrrp;
using HaVip.Linux.Namespaces;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaVip.Bench.AgentCapture;

/// <summary>
/// The agent's capture path as the agent wires it (AgentHost): one capture for every port, the advert
/// observer with its sweeps, the reporter's lanes. Its server answers every report at once and
/// counts them: the agent reports a change only, so a steady run sends none.
/// </summary>
internal sealed class AgentCapture : IDisposable
{
    private readonly CountingServer _server = new();
    private readonly AgentMetrics _metrics = new("havip-bench-agent-capture");
    private readonly AdvertObserver _adverts;
    private readonly PortWatchers _watchers;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reporting;

    public AgentCapture(CaptureLab lab, TimeSpan batchEvery)
    {
        var time = TimeProvider.System;
        var reporter = new Reporter(new ServerClient(new HttpClient(_server) { BaseAddress = new Uri("http://bench.invalid") }, "bench-host"), time, NullLogger<Reporter>.Instance);
        _adverts = new AdvertObserver(new AdvertTracker(time), reporter, _metrics, NullLogger<AdvertObserver>.Instance);
        _adverts.Start(time);
        _watchers = new PortWatchers(reporter, new HolderTracker(time, TimeSpan.FromSeconds(5)), new SpoofTracker(time, TimeSpan.FromSeconds(5)), _adverts, _metrics, time, NullLogger<PortWatchers>.Instance, batchEvery: batchEvery);
        // The captures open in the host's namespace, as the agent runs in it.
        var table = ClaimTable.From(lab.DesiredState());
        Netns.Run(lab.Host, () =>
        {
            _watchers.Update(table);
            return true;
        });
        _reporting = reporter.RunAsync(_stop.Token);
    }

    public int Started => _server.Started;

    public int Stopped => _server.Stopped;

    public int Reports => _server.Started + _server.Stopped;

    public void Dispose()
    {
        _stop.Cancel();
        _watchers.Dispose();
        _adverts.Dispose();
        _metrics.Dispose();
        _ = _reporting;
        _stop.Dispose();
    }

    /// <summary>The server's side of the report lane: 204 to every report, counted by what it says.</summary>
    private sealed class CountingServer : HttpMessageHandler
    {
        private int _started;
        private int _stopped;

        public int Started => Volatile.Read(ref _started);

        public int Stopped => Volatile.Read(ref _stopped);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            if (request.RequestUri?.AbsolutePath == "/agent/v1/vrrp-adverts")
            {
                Interlocked.Increment(ref body.Contains("\"advertising\":true", StringComparison.Ordinal) ? ref _started : ref _stopped);
            }
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
