using HaVip.Net;
using HaVip.Vrrp.Machine;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Logging;

/// <summary>Every log line havipd writes; state changes read like keepalived's, with the reason.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "VRRP_Instance({Instance}) Entering {State} STATE (from {From}, reason {Reason}, priority {Priority})")]
    public static partial void StateChanged(ILogger logger, string instance, string state, string from, TransitionReason reason, byte priority);

    [LoggerMessage(2, LogLevel.Debug, "VRRP_Instance({Instance}) dropped advert: {Reason} (from {Source}, priority {Priority})")]
    public static partial void AdvertDropped(ILogger logger, string instance, DropReason reason, System.Net.IPAddress? source, byte? priority);

    [LoggerMessage(3, LogLevel.Information, "VRRP_Instance({Instance}) heard a lower priority master: re-announcing (advert and gratuitous ARP)")]
    public static partial void Reannounce(ILogger logger, string instance);

    [LoggerMessage(4, LogLevel.Error, "VRRP_Instance({Instance}) {Action} failed")]
    public static partial void ActionFailed(ILogger logger, string instance, string action, Exception exception);

    [LoggerMessage(14, LogLevel.Warning, "VRRP_Instance({Instance}) {Action} refused: {Error}")]
    public static partial void ActionRefused(ILogger logger, string instance, string action, string error);

    [LoggerMessage(5, LogLevel.Warning, "Interface {Interface}: VRRP receive failed")]
    public static partial void ReceiveFailed(ILogger logger, string @interface, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "VRRP_Instance({Instance}) notify '{Command}' failed to start")]
    public static partial void NotifyFailed(ILogger logger, string instance, string command, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "VRRP_Script({Script}) now {Status}")]
    public static partial void ScriptChanged(ILogger logger, string script, string status);

    [LoggerMessage(18, LogLevel.Information, "track_file {File} now {Value}")]
    public static partial void TrackFileChanged(ILogger logger, string file, int value);

    [LoggerMessage(19, LogLevel.Information, "VRRP_Track_Process({Process}) now {Status} ({Count} matching)")]
    public static partial void ProcessChanged(ILogger logger, string process, string status, int count);

    [LoggerMessage(8, LogLevel.Information, "Netlink: interface {Interface} is {Status}")]
    public static partial void LinkChanged(ILogger logger, string @interface, string status);

    [LoggerMessage(9, LogLevel.Information, "Reload: {Kept} kept, {Stopped} stopped, {Started} started")]
    public static partial void Reloaded(ILogger logger, int kept, int stopped, int started);

    [LoggerMessage(10, LogLevel.Error, "{Message}")]
    public static partial void Problem(ILogger logger, string message);

    [LoggerMessage(11, LogLevel.Information, "havipd started: {Count} instance(s) from {File}")]
    public static partial void Started(ILogger logger, int count, string file);

    [LoggerMessage(12, LogLevel.Information, "havipd stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(15, LogLevel.Error, "VRRP_Instance({Instance}) failed handling an event or timer; the other instances go on")]
    public static partial void InstanceFailed(ILogger logger, string instance, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "notify FIFO {Path}: {Message}")]
    public static partial void FifoFailed(ILogger logger, string path, string message);

    [LoggerMessage(17, LogLevel.Warning, "metrics request failed")]
    public static partial void MetricsFailed(ILogger logger, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "control socket request failed")]
    public static partial void ControlFailed(ILogger logger, Exception exception);

    // keepalived logs this only with -D (detail): at 1,000 instances a start would print 1,000 lines.
    [LoggerMessage(40, LogLevel.Debug, "VRRP_Instance({Instance}) {Action} firewall drop rule")]
    public static partial void FirewallRule(ILogger logger, string instance, string action);

    [LoggerMessage(41, LogLevel.Warning, "nftables: {Command} failed (exit {Exit}): {Error}")]
    public static partial void NftFailed(ILogger logger, string command, int exit, string error);

    [LoggerMessage(42, LogLevel.Debug, "start-up pages handed back: {Kb} kB of clean file pages")]
    public static partial void PagesReleased(ILogger logger, long kb);
}
