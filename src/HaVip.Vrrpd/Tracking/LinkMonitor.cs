using HaVip.Linux.Netlink;
using HaVip.Vrrpd.Logging;
using HaVip.Vrrpd.Os;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Tracking;

/// <summary>Keeps the <see cref="LinkTable"/> current from RTNLGRP_LINK and reports up/down changes.</summary>
internal sealed class LinkMonitor(LinkTable links, Action<string, bool> changed, ILogger log) : IDisposable
{
    private readonly LinkWatcher _watcher = new();

    /// <summary>Loads every link once; call before instances start so their first state is right.</summary>
    public static void Load(RouteNetlink netlink, LinkTable links)
    {
        foreach (var link in netlink.GetLinks())
            links.Set(link);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            IReadOnlyList<LinkInfo> batch;
            try
            {
                batch = await _watcher.NextAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var link in batch)
            {
                var wasUp = links.TryGet(link.Name, out var old) && old!.IsUp;
                links.Set(link);
                if (wasUp == link.IsUp)
                    continue;
                Log.LinkChanged(log, link.Name, link.IsUp ? "up" : "down");
                changed(link.Name, link.IsUp);
            }
        }
    }

    public void Dispose() => _watcher.Dispose();
}
