namespace HaVip.Vrrp.Machine;

/// <summary>Run the notify script for <paramref name="Kind"/> (and the generic <c>notify</c>) with the new priority.</summary>
public sealed record RunNotify(NotifyKind Kind, byte Priority) : VrrpAction;
