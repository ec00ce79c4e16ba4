namespace HaVip.Vrrp.Config;

/// <summary>
/// <c>notify_fifo</c> / <c>vrrp_notify_fifo</c> (+ <c>_script</c>): every state change is written to
/// the FIFO as a line (<c>INSTANCE "VI_1" MASTER 100</c>, <c>GROUP "G1" FAULT</c>); the script, if
/// any, is started with the FIFO's path as its argument to read them.
/// </summary>
public sealed record NotifyFifoConfig(string Path, string? Script, SourcePosition Position);
