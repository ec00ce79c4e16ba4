using System.Diagnostics;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Tracking;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Tracking;

/// <summary>
/// Runs one vrrp_script every <c>interval</c>, killing it after <c>timeout</c> (a timeout is a
/// failure, as in keepalived), and reports status changes after rise/fall counting.
/// </summary>
internal sealed class ScriptMonitor(VrrpScriptConfig script, Action<string, bool> changed, TimeProvider time, ILogger log, ScriptUser? defaultUser = null)
{
    private readonly ScriptResultTracker _tracker = new(Math.Max(1, script.Rise), Math.Max(1, script.Fall));

    public VrrpScriptConfig Script { get; } = script;

    /// <summary>Null until the first result.</summary>
    public bool? IsUp => _tracker.IsUp;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var success = await RunOnceAsync(stop);
            if (stop.IsCancellationRequested)
                return;
            if (_tracker.Record(success) is { } up)
            {
                Log.ScriptChanged(log, Script.Name, up ? "succeeding" : "failing");
                changed(Script.Name, up);
            }

            try
            {
                await Task.Delay(Script.Interval, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> RunOnceAsync(CancellationToken stop)
    {
        if (Script.Script is not { } command)
            return false;
        using var process = Process.Start(ScriptProcess.Create(command, Script.User ?? defaultUser));
        if (process is null)
            return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(Script.Timeout ?? Script.Interval);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }
}
