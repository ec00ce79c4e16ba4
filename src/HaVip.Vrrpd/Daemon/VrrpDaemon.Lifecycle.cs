using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Instances;
using HaVip.Vrrpd.Logging;
using HaVip.Vrrpd.Os;
using HaVip.Vrrpd.Tracking;

namespace HaVip.Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    private void StartInstance(InstancePlan plan)
    {
        InstanceRunner runner;
        try
        {
            var io = new LinuxInstanceIo(plan, _netlink, _links);
            runner = new InstanceRunner(plan, io, _notify, time, loggers.CreateLogger($"havipd.{plan.Name}"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or System.Net.Sockets.SocketException)
        {
            Log.Problem(_log, $"vrrp_instance {plan.Name}: cannot start: {ex.Message}");
            return;
        }

        // Current link and script state first, so the Start event already sees a failed track (FAULT).
        foreach (var link in _links.All)
            runner.Post(new TrackChanged(TrackKind.Interface, link.Name, link.IsUp));
        foreach (var (name, s) in _scripts)
        {
            if (s.Monitor.IsUp is { } up)
                runner.Post(new TrackChanged(TrackKind.Script, name, up));
        }

        var stop = new CancellationTokenSource();
        var task = Task.Run(() => runner.RunAsync(stop.Token), CancellationToken.None);
        _instances[plan.Name] = new Running(runner, stop, task);
    }

    private async Task StopAsync(string name)
    {
        if (!_instances.TryRemove(name, out var r))
            return;
        await r.Stop.CancelAsync().ConfigureAwait(false);
        await r.Task.ConfigureAwait(false);
        r.Stop.Dispose();
        r.Runner.Dispose();
    }

    private async Task StopAllAsync()
    {
        await Task.WhenAll(_instances.Keys.ToList().Select(StopAsync)).ConfigureAwait(false);
        foreach (var name in _scripts.Keys.ToList())
            await StopScriptAsync(name).ConfigureAwait(false);
    }

    /// <summary>Scripts whose settings did not change keep running (and keep their rise/fall state).</summary>
    private void StartScripts(KeepalivedConfig config)
    {
        foreach (var name in _scripts.Keys.Where(n => !config.Scripts.TryGetValue(n, out var s) || !Same(s, _scripts[n].Monitor.Script)).ToList())
            _ = StopScriptAsync(name);
        foreach (var (name, script) in config.Scripts)
        {
            if (_scripts.ContainsKey(name))
                continue;
            var monitor = new ScriptMonitor(script, (n, up) => Broadcast(new TrackChanged(TrackKind.Script, n, up)), time, loggers.CreateLogger("havipd.script"));
            var stop = new CancellationTokenSource();
            _scripts[name] = (monitor, stop, Task.Run(() => monitor.RunAsync(stop.Token), CancellationToken.None));
        }
    }

    private async Task StopScriptAsync(string name)
    {
        if (!_scripts.TryRemove(name, out var s))
            return;
        await s.Stop.CancelAsync().ConfigureAwait(false);
        await s.Task.ConfigureAwait(false);
        s.Stop.Dispose();
    }

    private static bool Same(VrrpScriptConfig a, VrrpScriptConfig b) =>
        (a.Script, a.Interval, a.Timeout, a.Weight, a.WeightReverse, a.Rise, a.Fall) == (b.Script, b.Interval, b.Timeout, b.Weight, b.WeightReverse, b.Rise, b.Fall);

    private void Broadcast(VrrpEvent e)
    {
        foreach (var r in _instances.Values)
            r.Runner.Post(e);
    }
}
