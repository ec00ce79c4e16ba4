using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Instances;
using HaVip.Vrrpd.Logging;
using HaVip.Vrrpd.Os;
using HaVip.Vrrpd.Tracking;

namespace HaVip.Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    private async Task StartInstancesAsync(IEnumerable<InstancePlan> plans)
    {
        // Current link and script state first, so the Start event already sees a failed track (FAULT).
        var initial = _links.All.Select(l => (VrrpEvent)new TrackChanged(TrackKind.Interface, l.Name, l.IsUp)).ToList();
        initial.AddRange(_files.Values.Select(f => new TrackFileRead(f.File.Name, f.Value)));
        if (_processes is { } processes)
            initial.AddRange(processes.Monitor.Current.Select(p => new TrackChanged(TrackKind.Process, p.Name, p.Up)));
        foreach (var (name, s) in _scripts)
        {
            if ((s.Monitor.IsUp ?? (s.Monitor.Script.InitFail ? false : null)) is { } up)
                initial.Add(new TrackChanged(TrackKind.Script, name, up));
        }

        // An address VMAC named before a later instance's own VMAC must not take its name.
        var starting = plans.ToList();
        _vmacs!.Reserve(starting.Where(p => p.Vmac is not null).Select(p => p.Vmac!.Name));
        var started = new List<Task>();
        foreach (var plan in starting)
        {
            if (CreateRunner(plan) is not { } runner)
                continue;
            _instances[plan.Name] = runner;
            started.Add(OnLoop(() => _groups!.Add(runner)).ContinueWith(_ => _loop.AddAsync(runner, initial), TaskScheduler.Default).Unwrap());
        }

        await Task.WhenAll(started);
    }

    private Task OnLoop(Action call) => _loop.InvokeAsync(() =>
    {
        call();
        return true;
    });

    private InstanceRunner? CreateRunner(InstancePlan plan)
    {
        try
        {
            var io = new LinuxInstanceIo(plan, _netlink, _links, _sockets!, _vmacs, _firewall);
            return new InstanceRunner(plan, io, _notify, time, _instanceLog);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or System.Net.Sockets.SocketException or HaVip.Linux.Netlink.NetlinkException)
        {
            Log.Problem(_log, $"vrrp_instance {plan.Name}: cannot start: {ex.Message}");
            return null;
        }
    }

    private async Task StopAsync(string name)
    {
        if (!_instances.TryRemove(name, out var runner))
            return;
        await OnLoop(() => _groups!.Remove(runner));
        await _loop.RemoveAsync(runner);
    }

    private async Task StopAllAsync()
    {
        await Task.WhenAll(_instances.Keys.ToList().Select(StopAsync));
        foreach (var name in _scripts.Keys.ToList())
            await StopScriptAsync(name);
        foreach (var name in _files.Keys.ToList())
            StopFile(name);
        await StopProcessesAsync();
    }

    /// <summary>
    /// One monitor for every vrrp_track_process, made anew on a reload: its first scan is the
    /// verdict for the instances about to start and is told to those that keep running.
    /// </summary>
    private async Task StartProcessesAsync(KeepalivedConfig config)
    {
        await StopProcessesAsync();
        if (config.TrackProcesses.Count == 0)
            return;
        var monitor = new ProcessMonitor(config.TrackProcesses, (n, up) => Broadcast(new TrackChanged(TrackKind.Process, n, up)), time, loggers.CreateLogger("havipd.process"));
        foreach (var (name, up) in monitor.Scan())
            Broadcast(new TrackChanged(TrackKind.Process, name, up));
        var stop = new CancellationTokenSource();
        _processes = (monitor, stop, Task.Run(() => monitor.RunAsync(stop.Token), CancellationToken.None));
    }

    private async Task StopProcessesAsync()
    {
        if (_processes is not { } p)
            return;
        _processes = null;
        await p.Stop.CancelAsync();
        await p.Task;
        p.Stop.Dispose();
    }

    /// <summary>Files whose settings did not change keep their monitor; init_file overwrites only at start, as in keepalived.</summary>
    private void StartFiles(KeepalivedConfig config, bool reload)
    {
        foreach (var name in _files.Keys.Where(n => !config.TrackFiles.TryGetValue(n, out var f) || !Same(f, _files[n].File)).ToList())
            StopFile(name);
        foreach (var (name, file) in config.TrackFiles)
        {
            if (!_files.ContainsKey(name))
                _files[name] = new TrackFileMonitor(file, reload, (n, value) => Broadcast(new TrackFileRead(n, value)), loggers.CreateLogger("havipd.track_file"));
        }
    }

    private void StopFile(string name)
    {
        if (_files.TryRemove(name, out var monitor))
            monitor.Dispose();
    }

    private static bool Same(TrackFileConfig a, TrackFileConfig b) =>
        (a.Path, a.Weight, a.Reverse, a.InitValue, a.InitOverwrite) == (b.Path, b.Weight, b.Reverse, b.InitValue, b.InitOverwrite);

    /// <summary>Scripts whose settings did not change keep running (and keep their rise/fall state).</summary>
    private void StartScripts(KeepalivedConfig config)
    {
        // keepalived: script_user, else the user keepalived_script if it exists, else root.
        _notify.RunAs = config.GlobalDefs.ScriptUser ?? (ScriptSecurity.UserExists("keepalived_script") ? new ScriptUser("keepalived_script", null) : null);
        foreach (var name in _scripts.Keys.Where(n => !config.Scripts.TryGetValue(n, out var s) || !Same(s, _scripts[n].Monitor.Script)).ToList())
            _ = StopScriptAsync(name);
        foreach (var (name, script) in config.Scripts)
        {
            if (_scripts.ContainsKey(name))
                continue;
            var monitor = new ScriptMonitor(script, (n, up) => Broadcast(new TrackChanged(TrackKind.Script, n, up)), time, loggers.CreateLogger("havipd.script"), _notify.RunAs);
            var stop = new CancellationTokenSource();
            _scripts[name] = (monitor, stop, Task.Run(() => monitor.RunAsync(stop.Token), CancellationToken.None));
        }
    }

    private async Task StopScriptAsync(string name)
    {
        if (!_scripts.TryRemove(name, out var s))
            return;
        await s.Stop.CancelAsync();
        await s.Task;
        s.Stop.Dispose();
    }

    private static bool Same(VrrpScriptConfig a, VrrpScriptConfig b) =>
        (a.Script, a.Interval, a.Timeout, a.Weight, a.WeightReverse, a.Rise, a.Fall) == (b.Script, b.Interval, b.Timeout, b.Weight, b.WeightReverse, b.Rise, b.Fall);

    private void Broadcast(VrrpEvent e)
    {
        foreach (var r in _instances.Values)
            _loop.Post(r, e);
    }
}
