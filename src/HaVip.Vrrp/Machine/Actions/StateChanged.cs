namespace HaVip.Vrrp.Machine;

public sealed record StateChanged(VrrpState From, VrrpState To, TransitionReason Reason) : VrrpAction;
