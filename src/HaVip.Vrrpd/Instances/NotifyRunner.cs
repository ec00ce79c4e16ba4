using System.Diagnostics;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Instances;

/// <summary>
/// Runs keepalived's notify scripts: notify_master/backup/fault/stop as written, and the generic
/// <c>notify</c> with keepalived's arguments <c>INSTANCE name STATE priority</c>. Fire and forget:
/// a slow script must not delay the election.
/// </summary>
internal sealed class NotifyRunner(ILogger log) : IDisposable
{
    private readonly NotifyFifoWriter _fifo = new(log);

    /// <summary>global_defs script_user (or keepalived_script when that user exists); null runs as havipd's user.</summary>
    public Vrrp.Config.ScriptUser? RunAs { get; set; }

    /// <summary>Opens global_defs' notify FIFOs and starts their reader scripts.</summary>
    public void OpenFifos(IReadOnlyList<HaVip.Vrrp.Config.NotifyFifoConfig> fifos) => _fifo.Open(fifos, command => Start("notify_fifo_script", command));

    public void Dispose() => _fifo.Dispose();

    public void Run(InstancePlan plan, NotifyKind kind, byte priority)
    {
        var n = plan.Notify;
        if (Specific(n, kind) is { } specific)
            Start(plan.Name, specific);
        if (n.Generic is not null)
            Start(plan.Name, $"{n.Generic} INSTANCE {Quote(plan.Name)} {StateWord(kind)} {priority}");
        _fifo.Write(NotifyFifoWriter.InstanceLine(plan.Name, StateWord(kind), priority));
    }

    /// <summary>A sync group's notify_* and generic <c>notify</c> (arguments <c>GROUP name STATE</c>).</summary>
    public void RunGroup(string group, HaVip.Vrrp.Config.NotifyScripts n, NotifyKind kind)
    {
        if (Specific(n, kind) is { } specific)
            Start(group, specific);
        if (n.Generic is not null)
            Start(group, $"{n.Generic} GROUP {Quote(group)} {StateWord(kind)}");
        _fifo.Write(NotifyFifoWriter.GroupLine(group, StateWord(kind)));
    }

    private static string? Specific(HaVip.Vrrp.Config.NotifyScripts n, NotifyKind kind) => kind switch
    {
        NotifyKind.Master => n.Master,
        NotifyKind.Backup => n.Backup,
        NotifyKind.Fault => n.Fault,
        _ => n.Stop,
    };

    /// <summary>keepalived's state words in notify arguments.</summary>
    internal static string StateWord(NotifyKind kind) => kind switch
    {
        NotifyKind.Master => "MASTER",
        NotifyKind.Backup => "BACKUP",
        NotifyKind.Fault => "FAULT",
        _ => "STOP",
    };

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void Start(string instance, string commandLine)
    {
        try
        {
            using var process = Process.Start(Tracking.ScriptProcess.Create(commandLine, RunAs));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Log.NotifyFailed(log, instance, commandLine, ex);
        }
    }
}
